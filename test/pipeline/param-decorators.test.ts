// createParamDecorator: values computed from the context, bound after the built-in parameters.
import {
  Controller,
  createApp,
  createParamDecorator,
  type ExecutionContext,
  Get,
  HTTPUnauthorized,
  Param,
  SetMetadata,
} from '@corbel/core';
import { expect } from 'chai';

interface User {
  name: string;
  role: string;
}

const CurrentUser = createParamDecorator((field: keyof User | undefined, context: ExecutionContext) => {
  const header = context.request.headers['x-user'];
  if (typeof header !== 'string') throw new HTTPUnauthorized();
  const [name, role] = header.split(':');
  const user: User = { name, role };
  return field === undefined ? user : user[field];
});

const HandlerInfo = createParamDecorator((_data: undefined, context: ExecutionContext) => ({
  controller: context.controller.name,
  handler: context.handler,
  feature: context.getMetadata('feature'),
}));

const Delayed = createParamDecorator(async (value: string | undefined) => {
  await new Promise((resolve) => setTimeout(resolve, 1));
  return value;
});

@Controller('/me')
@SetMetadata('feature', 'profile')
class MeController {
  @Get()
  me(@CurrentUser() user: User) {
    return user;
  }

  @Get('/name')
  name(@CurrentUser('name') name: string) {
    return { name };
  }

  @Get('/info/:id')
  info(@Param('id') id: number, @HandlerInfo() info: unknown, @Delayed('later') later: string) {
    return { id, info, later };
  }
}

describe('pipeline: createParamDecorator', () => {
  const app = createApp({ controllers: [MeController], logger: false });

  it('passes the decorator data and the context to the factory', async () => {
    expect((await app.inject({ url: '/me', headers: { 'x-user': 'ada:admin' } })).json()).to.deep.equal({
      name: 'ada',
      role: 'admin',
    });
    expect((await app.inject({ url: '/me/name', headers: { 'x-user': 'ada:admin' } })).json()).to.deep.equal({
      name: 'ada',
    });
  });

  it('sits alongside the built-in parameters, and may be async', async () => {
    expect((await app.inject('/me/info/5')).json()).to.deep.equal({
      id: 5,
      info: { controller: 'MeController', handler: 'info', feature: 'profile' },
      later: 'later',
    });
  });

  it("a factory's throw goes through the filters", async () => {
    const response = await app.inject('/me');
    expect(response.statusCode).to.equal(401);
    expect(response.json()).to.deep.equal({ detail: 'Unauthorized' });
  });

  it('built-in validation errors come first: a custom factory is not called for a bad request', async () => {
    const response = await app.inject('/me/info/abc');
    expect(response.statusCode).to.equal(404);
  });
});
