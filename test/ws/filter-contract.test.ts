// One contract, two hosts: the same error on the same scope is answered by the same filter over HTTP and WebSocket.
import { Catch, Controller, Get, HTTPException, Param, UseFilters } from '@corbel/core';
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@corbel/ws';
import { expect } from 'chai';
import { type RunningApp, useWsApps } from './support/ws-app';
import type { TestClient } from './support/ws-client';

class BaseError extends Error {}
class MidError extends BaseError {}
class LeafError extends MidError {}
class OtherError extends Error {}

const ERRORS: Record<string, () => unknown> = {
  status403: () => new HTTPException(403, 'no'),
  status409: () => new HTTPException(409, 'conflict'),
  base: () => new BaseError(),
  leaf: () => new LeafError(),
  other: () => new OtherError(),
  string: () => 'a thrown string',
};

function answer(name: string) {
  return { answeredBy: name };
}

@Catch(403)
class StatusFilter {
  catch() {
    return answer('StatusFilter');
  }
}
@Catch(HTTPException)
class HttpExceptionClassFilter {
  catch() {
    return answer('HttpExceptionClassFilter');
  }
}
// Registered before MidFilter on purpose: the nearest ancestor wins, not the first registered.
@Catch(BaseError)
class BaseFilter {
  catch() {
    return answer('BaseFilter');
  }
}
@Catch(MidError)
class MidFilter {
  catch() {
    return answer('MidFilter');
  }
}
@Catch()
class CatchAllFilter {
  catch() {
    return answer('CatchAllFilter');
  }
}
@Catch(MidError)
class ClassScopeMidFilter {
  catch() {
    return answer('ClassScopeMidFilter');
  }
}
@Catch(MidError)
class MethodScopeMidFilter {
  catch() {
    return answer('MethodScopeMidFilter');
  }
}

const GLOBAL_FILTERS = [StatusFilter, HttpExceptionClassFilter, BaseFilter, MidFilter, CatchAllFilter];

@Controller('/global')
class GlobalController {
  @Get('/:kind')
  fail(@Param('kind') kind: string) {
    throw ERRORS[kind]();
  }
}

@Controller('/scoped')
@UseFilters(ClassScopeMidFilter)
class ScopedController {
  @Get('/class/:kind')
  viaClass(@Param('kind') kind: string) {
    throw ERRORS[kind]();
  }

  @Get('/method/:kind')
  @UseFilters(MethodScopeMidFilter)
  viaMethod(@Param('kind') kind: string) {
    throw ERRORS[kind]();
  }
}

@WebSocketGateway('/global')
class GlobalGateway {
  @SubscribeMessage('fail')
  fail(@MessageBody() kind: string) {
    throw ERRORS[kind]();
  }
}

@WebSocketGateway('/scoped')
@UseFilters(ClassScopeMidFilter)
class ScopedGateway {
  @SubscribeMessage('class')
  viaClass(@MessageBody() kind: string) {
    throw ERRORS[kind]();
  }

  @SubscribeMessage('method')
  @UseFilters(MethodScopeMidFilter)
  viaMethod(@MessageBody() kind: string) {
    throw ERRORS[kind]();
  }
}

type Scope = 'global' | 'class' | 'method';

interface ContractCase {
  readonly rule: string;
  readonly scope: Scope;
  readonly error: keyof typeof ERRORS;
  readonly answeredBy: string;
}

const CASES: readonly ContractCase[] = [
  { rule: 'a status key beats the class chain', scope: 'global', error: 'status403', answeredBy: 'StatusFilter' },
  {
    rule: 'no filter for the status: the class chain',
    scope: 'global',
    error: 'status409',
    answeredBy: 'HttpExceptionClassFilter',
  },
  { rule: 'the nearest class in the chain', scope: 'global', error: 'leaf', answeredBy: 'MidFilter' },
  { rule: 'an exact class', scope: 'global', error: 'base', answeredBy: 'BaseFilter' },
  {
    rule: 'the class scope overrides the global entry for its key',
    scope: 'class',
    error: 'leaf',
    answeredBy: 'ClassScopeMidFilter',
  },
  {
    rule: 'the method scope overrides the class scope',
    scope: 'method',
    error: 'leaf',
    answeredBy: 'MethodScopeMidFilter',
  },
  { rule: 'a scope overrides only its own key', scope: 'method', error: 'base', answeredBy: 'BaseFilter' },
  { rule: 'the catch-all for an unrelated error', scope: 'global', error: 'other', answeredBy: 'CatchAllFilter' },
  { rule: 'the catch-all for a thrown non-Error', scope: 'class', error: 'string', answeredBy: 'CatchAllFilter' },
];

/** How each host is asked: the same scope and error, through its own transport. */
interface Host {
  readonly name: string;
  answeredBy(scope: Scope, error: string): Promise<string>;
}

function httpHost(running: () => RunningApp): Host {
  const paths: Record<Scope, string> = { global: '/global', class: '/scoped/class', method: '/scoped/method' };
  return {
    name: 'HTTP',
    async answeredBy(scope, error) {
      const response = await running().app.inject({ method: 'GET', url: `${paths[scope]}/${error}` });
      return (response.json() as { answeredBy: string }).answeredBy;
    },
  };
}

function wsHost(client: () => Promise<Record<'global' | 'scoped', TestClient>>): Host {
  const targets: Record<Scope, ['global' | 'scoped', string]> = {
    global: ['global', 'fail'],
    class: ['scoped', 'class'],
    method: ['scoped', 'method'],
  };
  return {
    name: 'WebSocket',
    async answeredBy(scope, error) {
      const [path, event] = targets[scope];
      const socket = (await client())[path];
      await socket.emit(event, error);
      return ((await socket.nextJson()) as { answeredBy: string }).answeredBy;
    },
  };
}

describe('filter resolution contract: HTTP and WebSocket agree', () => {
  const start = useWsApps();
  let running: RunningApp;
  let clients: Record<'global' | 'scoped', TestClient> | undefined;

  beforeEach(async () => {
    running = await start({
      controllers: [GlobalController, ScopedController],
      gateways: [GlobalGateway, ScopedGateway],
      filters: GLOBAL_FILTERS,
    });
    clients = undefined;
  });

  const hosts = [
    httpHost(() => running),
    wsHost(async () => {
      clients ??= { global: await running.connect('/global'), scoped: await running.connect('/scoped') };
      return clients;
    }),
  ];

  for (const { rule, scope, error, answeredBy } of CASES) {
    it(`${rule}: ${answeredBy} answers '${error}' in the ${scope} scope, on both hosts`, async () => {
      const answers: Record<string, string> = {};
      for (const host of hosts) answers[host.name] = await host.answeredBy(scope, error);
      expect(answers).to.deep.equal({ HTTP: answeredBy, WebSocket: answeredBy });
    });
  }

  it('agrees with app.explainError for every HTTP case', () => {
    const paths: Record<Scope, string> = { global: '/global', class: '/scoped/class', method: '/scoped/method' };
    for (const { scope, error, answeredBy } of CASES) {
      const explained = running.app.explainError(ERRORS[error](), { method: 'GET', path: `${paths[scope]}/${error}` });
      expect(explained.filter, `${scope} ${error}`).to.equal(answeredBy);
    }
  });
});
