// The one rule for a guard's answer, shared by HTTP routes and plugin stages: only `true` lets the call through.
import { isPromiseLike } from '../async/is-promise';
import { isObservable, lastValueOf } from '../async/observable';
import { CorbelError } from '../errors/corbel-error';
import { describeValue } from '../errors/describe-value';
import { HTTPForbidden } from '../exceptions/http-exception';
import type { ExecutionContext } from './execution-context';
import type { CanActivate } from './guard';

/** What a guard decided: go on, refuse as `false` does, or a programming error (a truthy answer that is not `true`). */
type Verdict = 'pass' | 'refuse' | 'invalid';

function judge(answer: unknown): Verdict {
  if (answer === true) return 'pass';
  // Falsy refuses, as in NestJS: its cats RolesGuard answers `undefined` when there is no user and must stay a 403.
  if (!answer) return 'refuse';
  return 'invalid';
}

/** True for an answer that is still coming: a promise (awaited), or an Observable (its last value is the answer). */
function isPending(answer: unknown): answer is object {
  return isPromiseLike(answer) || isObservable(answer);
}

function describeAnswer(answer: unknown): string {
  if (typeof answer === 'function') return 'a function';
  if (isObservable(answer)) {
    return 'an Observable (a promise is awaited and an Observable subscribed to, but not one inside the other)';
  }
  return describeValue(answer);
}

/** The guard's class name, or undefined for an object literal. */
function guardClassOf(guard: CanActivate): string | undefined {
  const name = (guard.constructor as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name !== '' && name !== 'Object' ? name : undefined;
}

function invalidAnswer(guard: CanActivate, answer: unknown, route: string, resolved: boolean): CorbelError {
  const guardClass = guardClassOf(guard);
  const who = guardClass === undefined ? 'canActivate() of a guard object' : `${guardClass}.canActivate()`;
  return new CorbelError(
    'CORBEL_ERR_INVALID_GUARD_RESULT',
    `${who} on ${route} ${resolved ? 'resolved to' : 'returned'} ${describeAnswer(answer)}: a guard answers true ` +
      'to let the call through, or false (or another falsy value) to refuse it; the call was refused',
    { guard: guardClass ?? 'a guard object', route },
  );
}

function settle(answer: unknown, guard: CanActivate, route: string, refused: () => unknown, resolved: boolean): void {
  const verdict = judge(answer);
  if (verdict === 'refuse') throw refused();
  if (verdict === 'invalid') throw invalidAnswer(guard, answer, route, resolved);
}

async function awaitFrom(
  pending: object,
  position: number,
  guards: readonly CanActivate[],
  context: ExecutionContext,
  refused: () => unknown,
  route: string,
): Promise<void> {
  const answer = isPromiseLike(pending) ? await pending : await lastValueOf(pending);
  settle(answer, guards[position], route, refused, true);
  const rest = runGuardsFrom(position + 1, guards, context, refused, route);
  if (rest) await rest;
}

function runGuardsFrom(
  start: number,
  guards: readonly CanActivate[],
  context: ExecutionContext,
  refused: () => unknown,
  route: string,
): Promise<void> | undefined {
  for (let position = start; position < guards.length; position++) {
    const guard = guards[position];
    const answer: unknown = guard.canActivate(context);
    if (answer === true) continue;
    if (isPending(answer)) return awaitFrom(answer, position, guards, context, refused, route);
    settle(answer, guard, route, refused, false);
  }
  return undefined;
}

/**
 * Runs `guards` in order, stopping at the first that does not pass. `true` (or a promise of `true`, or an Observable
 * whose last value is `true`) passes; a falsy answer throws `refused()`; any other answer (a number, a string, an
 * object, a promise of one of those) throws a `CorbelError` with code `CORBEL_ERR_INVALID_GUARD_RESULT` naming the guard and `route`. Returns a
 * promise only when a guard's answer was one, so synchronous guards cost no promise.
 * @example
 * const pending = runGuards(guards, context, () => new HTTPForbidden(), 'ReportsController.audit');
 * if (pending) await pending;
 */
export function runGuards(
  guards: readonly CanActivate[],
  context: ExecutionContext,
  refused: () => unknown,
  route: string,
): Promise<void> | undefined {
  return runGuardsFrom(0, guards, context, refused, route);
}

/** The default refusal of a falsy answer, for HTTP routes and plugin stages alike. */
export function forbidden(): HTTPForbidden {
  return new HTTPForbidden();
}
