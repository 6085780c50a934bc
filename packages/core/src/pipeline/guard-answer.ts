// The one rule for a guard's answer, shared by HTTP routes and plugin stages: only `true` lets the call through.
import { isPromiseLike } from '../async/is-promise';
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

/**
 * True for an answer that is still coming. Only promises are awaited today; when Observables of a boolean become
 * legal (the NestJS-compatibility work), this is where their first value is taken.
 */
function isPending(answer: unknown): answer is PromiseLike<unknown> {
  return isPromiseLike(answer);
}

function isObservable(value: object): boolean {
  try {
    return typeof (value as { subscribe?: unknown }).subscribe === 'function';
  } catch {
    return false;
  }
}

function describeAnswer(answer: unknown): string {
  if (typeof answer === 'function') return 'a function';
  if (typeof answer === 'object' && answer !== null && isObservable(answer)) {
    return "an Observable (Corbel does not subscribe to a guard's Observable yet: return a boolean or a Promise of one)";
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
  pending: PromiseLike<unknown>,
  position: number,
  guards: readonly CanActivate[],
  context: ExecutionContext,
  refused: () => unknown,
  route: string,
): Promise<void> {
  settle(await pending, guards[position], route, refused, true);
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
 * Runs `guards` in order, stopping at the first that does not pass. `true` (or a promise of `true`) passes; a falsy
 * answer throws `refused()`; any other answer (a number, a string, an object, an Observable, a promise of one of
 * those) throws a `CorbelError` with code `CORBEL_ERR_INVALID_GUARD_RESULT` naming the guard and `route`. Returns a
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
