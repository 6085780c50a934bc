// Errors the framework raises about a request, and 4xx exceptions, skip stack capture; that never leaks into user code.
import { Catch, Controller, createApp, Get, HTTPException, HTTPNotFound, Param } from '@corbel/core';
import { expect } from 'chai';

describe('errors raised by the framework about a request', () => {
  @Catch(404)
  class StackProbe {
    static stacks: (string | undefined)[] = [];
    catch(error: HTTPNotFound) {
      StackProbe.stacks.push(error.stack);
      // User code running inside a filter still gets full stack traces.
      StackProbe.stacks.push(new Error('from the filter').stack);
      return { ok: true };
    }
  }

  @Controller('/users')
  class UsersController {
    @Get('/:id')
    findOne(@Param('id') id: number) {
      if (id === 0) throw new HTTPNotFound('thrown by the handler');
      return { id };
    }
  }

  const app = createApp({ controllers: [UsersController], filters: [StackProbe], logger: false });

  beforeEach(() => {
    StackProbe.stacks = [];
  });

  it('answer an unknown route and a path validation failure without capturing a framework stack', async () => {
    const before = Error.stackTraceLimit;
    await app.inject('/nowhere');
    await app.inject('/users/abc');
    expect(Error.stackTraceLimit).to.equal(before);
    const [unknownRoute, filterError, pathFailure, filterError2] = StackProbe.stacks;
    expect(unknownRoute).to.not.match(/\n\s+at /);
    expect(pathFailure).to.not.match(/\n\s+at /);
    expect(filterError).to.match(/\n\s+at /);
    expect(filterError2).to.match(/\n\s+at /);
  });

  it("keep the stack of a 4xx the application throws once HTTPException.stackTraces is 'all'", async () => {
    await app.inject('/users/0');
    expect(StackProbe.stacks[0]).to.equal('HTTPNotFound: thrown by the handler');
    HTTPException.stackTraces = 'all';
    try {
      await app.inject('/users/0');
    } finally {
      HTTPException.stackTraces = 'server-errors';
    }
    expect(StackProbe.stacks[2]).to.match(/\n\s+at /);
  });
});
