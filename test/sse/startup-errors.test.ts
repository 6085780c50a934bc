// @Sse misuse is refused by createApp with a coded error naming the handler, never served as something else.
import { Controller, CorbelError, createApp, type ErrorCode, HttpCode, Post, Sse, type SseOptions } from '@corbel/core';
import { expect } from 'chai';

/** The CorbelError `build` throws. */
function startupError(build: () => unknown): CorbelError {
  try {
    build();
  } catch (error) {
    expect(error).to.be.instanceOf(CorbelError);
    return error as CorbelError;
  }
  throw new Error('expected createApp to throw');
}

function expectRefused(build: () => unknown, code: ErrorCode, ...parts: string[]): void {
  const error = startupError(build);
  expect(error.code).to.equal(code);
  for (const part of parts) expect(error.message).to.include(part);
}

describe('@Sse start-up errors', () => {
  it('refuses an @Sse method that also declares a route for another method', () => {
    @Controller('/s')
    class MixedController {
      @Sse('/events')
      @Post('/events')
      events() {
        return [];
      }
    }
    expectRefused(
      () => createApp({ controllers: [MixedController], logger: false }),
      'CORBEL_ERR_INVALID_ROUTE_OPTION',
      '@Sse on MixedController.events',
      'POST /s/events',
    );
  });

  it('refuses @HttpCode on an @Sse route: EventSource accepts only 200', () => {
    @Controller('/s')
    class CodedController {
      @Sse('/events')
      @HttpCode(201)
      events() {
        return [];
      }
    }
    expectRefused(
      () => createApp({ controllers: [CodedController], logger: false }),
      'CORBEL_ERR_INVALID_ROUTE_OPTION',
      '@HttpCode(201) on CodedController.events',
    );
  });

  it('refuses an option @Sse does not know, and a heartbeat that is not a whole number of milliseconds', () => {
    @Controller('/s')
    class TypoController {
      @Sse('/events', { heartbeat: 1000 } as SseOptions)
      events() {
        return [];
      }
    }
    expectRefused(
      () => createApp({ controllers: [TypoController], logger: false }),
      'CORBEL_ERR_INVALID_ROUTE_OPTION',
      "@Sse on TypoController.events: unknown option 'heartbeat'; the options are heartbeatMs",
    );
    @Controller('/s')
    class NegativeController {
      @Sse({ heartbeatMs: -5 })
      events() {
        return [];
      }
    }
    expectRefused(
      () => createApp({ controllers: [NegativeController], logger: false }),
      'CORBEL_ERR_INVALID_ROUTE_OPTION',
      '@Sse on NegativeController.events (heartbeatMs): expected a whole number from 0 up, got -5',
    );
  });

  it('refuses createApp({ sse }) with an unknown key or an impossible heartbeat', () => {
    expectRefused(
      () => createApp({ logger: false, sse: { heartbeatMS: 10 } as never }),
      'CORBEL_ERR_INVALID_OPTION',
      "createApp({ sse }): unknown option 'heartbeatMS'",
    );
    expectRefused(
      () => createApp({ logger: false, sse: { heartbeatMs: 1.5 } }),
      'CORBEL_ERR_INVALID_OPTION',
      'createApp({ sse: { heartbeatMs } }): expected a whole number from 0 up, got 1.5',
    );
  });
});
