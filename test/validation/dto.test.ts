// DTO validation: class-validator failures become kui-style entries a client can act on.
import {
  Body,
  Catch,
  Controller,
  Cookie,
  CorbelError,
  createApp,
  Get,
  Headers,
  json,
  Param,
  Post,
  Query,
  RequestValidationError,
} from '@corbel/core';
import { expect } from 'chai';
import {
  AddressRequiredDto,
  ClientHeaders,
  CreateUserDto,
  ItemDto,
  OrderDto,
  SearchQuery,
  SessionCookies,
  SignupDto,
  UserParams,
} from './dtos';

const received: unknown[] = [];

@Controller()
class ValidationController {
  @Post('/users')
  create(@Body() user: CreateUserDto) {
    received.push(user);
    return user;
  }

  @Post('/orders')
  order(@Body() order: OrderDto) {
    return order;
  }

  @Post('/items')
  items(@Body({ type: [ItemDto] }) items: ItemDto[]) {
    received.push(items);
    return { count: items.length };
  }

  @Post('/wrapped')
  wrapped(@Body('user') user: CreateUserDto) {
    return user;
  }

  @Post('/address')
  address(@Body() dto: AddressRequiredDto) {
    return dto;
  }

  @Get('/search')
  search(@Query() query: SearchQuery) {
    received.push(query);
    return query;
  }

  @Get('/users/:id')
  findOne(@Param() params: UserParams) {
    return { id: params.id, type: typeof params.id };
  }

  @Get('/client')
  client(@Headers() headers: ClientHeaders) {
    return { client: headers['x-client'] };
  }

  @Get('/session')
  session(@Cookie() cookies: SessionCookies) {
    return { sid: cookies.sid };
  }

  @Post('/search/:id')
  both(@Param() _params: UserParams, @Query() _query: SearchQuery, @Body() _user: CreateUserDto) {
    return 'ok';
  }

  @Post('/signup')
  signup(@Body() dto: SignupDto) {
    return dto;
  }
}

const app = createApp({ controllers: [ValidationController], logger: false });

function post(url: string, body: unknown) {
  return app.inject({
    method: 'POST',
    url,
    payload: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

describe('DTO validation', () => {
  beforeEach(() => {
    received.length = 0;
  });

  it('hands the handler a validated instance of the DTO', async () => {
    const response = await post('/users', { name: 'Ada', age: 36 });
    expect(response.statusCode).to.equal(201);
    expect(received[0]).to.be.instanceOf(CreateUserDto);
    expect(response.json()).to.deep.equal({ name: 'Ada', age: 36 });
  });

  it('reports a missing field', async () => {
    const response = await post('/users', { age: 3 });
    expect(response.statusCode).to.equal(422);
    expect(response.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(response.json()).to.deep.equal([
      { loc: ['name'], msg: 'name must be a string', type: 'isString', in: 'body' },
    ]);
  });

  it('reports a wrong type', async () => {
    const response = await post('/users', { name: 'Ada', age: 'old' });
    expect(response.json()).to.deep.equal([
      { loc: ['age'], msg: 'age must not be less than 0', type: 'min', in: 'body' },
      { loc: ['age'], msg: 'age must be an integer number', type: 'isInt', in: 'body' },
    ]);
  });

  it('reports several failures at once, in the order class-validator gives them', async () => {
    const response = await post('/users', { name: 7, age: -1 });
    expect(response.json()).to.deep.equal([
      { loc: ['name'], msg: 'name must be a string', type: 'isString', in: 'body' },
      { loc: ['age'], msg: 'age must not be less than 0', type: 'min', in: 'body' },
    ]);
  });

  it('locates a nested failure by its path', async () => {
    const response = await post('/users', { name: 'Ada', age: 1, address: { zip: 12345 } });
    expect(response.json()).to.deep.equal([
      { loc: ['address', 'zip'], msg: 'zip must be a string', type: 'isString', in: 'body' },
    ]);
  });

  it('reports a nested value that is not an object as nestedValidation', async () => {
    const response = await post('/users', { name: 'Ada', age: 1, address: 'Main Street' });
    expect(response.json()).to.deep.equal([
      {
        loc: ['address'],
        msg: 'nested property address must be either object or array',
        type: 'nestedValidation',
        in: 'body',
      },
    ]);
  });

  it('reports a missing nested object only with @IsDefined', async () => {
    const response = await post('/address', {});
    expect(response.json()).to.deep.equal([
      { loc: ['address'], msg: 'address should not be null or undefined', type: 'isDefined', in: 'body' },
    ]);
  });

  it('locates a failure inside an array element by index', async () => {
    const response = await post('/orders', {
      customer: 'Ada',
      items: [
        { name: 'tea', quantity: 1 },
        { name: 5, quantity: 1 },
      ],
    });
    expect(response.json()).to.deep.equal([
      { loc: ['items', 1, 'name'], msg: 'name must be a string', type: 'isString', in: 'body' },
    ]);
  });

  it('validates a body declared as an array of DTOs with { type: [ItemDto] }', async () => {
    const ok = await post('/items', [{ name: 'tea', quantity: 2 }]);
    expect([ok.statusCode, ok.json()]).to.deep.equal([201, { count: 1 }]);
    expect((received[0] as unknown[])[0]).to.be.instanceOf(ItemDto);
    const bad = await post('/items', [
      { name: 'tea', quantity: 2 },
      { name: 'cake', quantity: 0 },
    ]);
    expect(bad.json()).to.deep.equal([
      { loc: [1, 'quantity'], msg: 'quantity must not be less than 1', type: 'min', in: 'body' },
    ]);
    const notArray = await post('/items', { name: 'tea', quantity: 2 });
    expect(notArray.json()).to.deep.equal([
      { loc: [], msg: 'Input should be an array', type: 'array_type', in: 'body' },
    ]);
  });

  it("prefixes loc with the field for @Body('user')", async () => {
    const response = await post('/wrapped', { user: { name: 1, age: 2 } });
    expect(response.json()).to.deep.equal([
      { loc: ['user', 'name'], msg: 'name must be a string', type: 'isString', in: 'body' },
    ]);
  });

  for (const [label, payload] of [
    ['a number', '42'],
    ['a string', '"x"'],
    ['null', 'null'],
  ] as const) {
    it(`answers a body that is ${label} with one object_type entry`, async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/users',
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).to.equal(422);
      expect(response.json()).to.deep.equal([
        { loc: [], msg: 'Input should be an object', type: 'object_type', in: 'body' },
      ]);
    });
  }

  it('answers a missing body with one object_type entry', async () => {
    const response = await app.inject({ method: 'POST', url: '/users' });
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.equal([
      { loc: [], msg: 'Input should be an object', type: 'object_type', in: 'body' },
    ]);
  });

  it('strips unknown properties before the handler sees them (whitelist)', async () => {
    const response = await post('/users', { name: 'Ada', age: 1, isAdmin: true });
    expect(response.statusCode).to.equal(201);
    expect(received[0]).to.not.have.property('isAdmin');
  });

  it('with forbidNonWhitelisted, unknown properties become whitelistValidation errors', async () => {
    const strict = createApp({
      controllers: [ValidationController],
      logger: false,
      validation: { forbidNonWhitelisted: true },
    });
    const response = await strict.inject({
      method: 'POST',
      url: '/users',
      payload: { name: 'Ada', age: 1, isAdmin: true },
    });
    expect(response.json()).to.deep.equal([
      { loc: ['isAdmin'], msg: 'property isAdmin should not exist', type: 'whitelistValidation', in: 'body' },
    ]);
  });

  it('never copies the rejected value or the instance into the errors', async () => {
    const response = await post('/users', { name: { secret: 'hunter2' }, age: 1 });
    expect(response.payload).to.not.contain('hunter2');
    for (const entry of response.json()) expect(Object.keys(entry).sort()).to.deep.equal(['in', 'loc', 'msg', 'type']);
  });

  it('converts query strings implicitly, so @IsInt() page accepts "2"', async () => {
    const response = await app.inject('/search?page=2&exact=true');
    expect(response.json()).to.deep.equal({ page: 2, exact: true });
    expect(received[0]).to.be.instanceOf(SearchQuery);
  });

  it('reports query failures in the query with 422', async () => {
    const response = await app.inject('/search?page=0');
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.equal([
      { loc: ['page'], msg: 'page must not be less than 1', type: 'min', in: 'query' },
    ]);
  });

  it('converts path strings implicitly for a @Param() DTO', async () => {
    const response = await app.inject('/users/12');
    expect(response.json()).to.deep.equal({ id: 12, type: 'number' });
  });

  it('answers a path DTO failure with 404', async () => {
    const response = await app.inject('/users/abc');
    expect(response.statusCode).to.equal(404);
    expect(response.json()).to.deep.equal({ detail: 'Not found' });
  });

  it('a @Catch(RequestValidationError) filter overrides the path → 404 rule', async () => {
    @Catch(RequestValidationError)
    class ShowAll {
      catch(error: RequestValidationError) {
        return json({ location: error.in, errors: error.errors() }, 400);
      }
    }
    const withFilter = createApp({ controllers: [ValidationController], filters: [ShowAll], logger: false });
    const response = await withFilter.inject('/users/abc');
    expect(response.statusCode).to.equal(400);
    expect(response.json()).to.deep.equal({
      location: 'path',
      errors: [{ loc: ['id'], msg: 'id must be an integer number', type: 'isInt', in: 'path' }],
    });
  });

  it('validates header and cookie DTOs in their locations', async () => {
    const okHeaders = await app.inject({ url: '/client', headers: { 'X-Client': 'cli/1.0' } });
    expect(okHeaders.json()).to.deep.equal({ client: 'cli/1.0' });
    const badHeaders = await app.inject('/client');
    expect(badHeaders.json()).to.deep.equal([
      { loc: ['x-client'], msg: 'x-client must be a string', type: 'isString', in: 'header' },
    ]);
    const okCookies = await app.inject({ url: '/session', headers: { cookie: 'sid=abc' } });
    expect(okCookies.json()).to.deep.equal({ sid: 'abc' });
    const badCookies = await app.inject('/session');
    expect(badCookies.statusCode).to.equal(422);
    expect(badCookies.json()).to.deep.equal([
      { loc: ['sid'], msg: 'sid must be a string', type: 'isString', in: 'cookie' },
    ]);
  });

  it('checks locations in order: a request bad in both query and body reports the query', async () => {
    const response = await app.inject({ method: 'POST', url: '/search/1?page=0', payload: { name: 1 } });
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.equal([
      { loc: ['page'], msg: 'page must not be less than 1', type: 'min', in: 'query' },
    ]);
    const pathFirst = await app.inject({ method: 'POST', url: '/search/x?page=0', payload: { name: 1 } });
    expect(pathFirst.statusCode).to.equal(404);
  });

  it('runs async custom constraints', async () => {
    const taken = await post('/signup', { name: 'taken' });
    expect(taken.json()).to.deep.equal([
      { loc: ['name'], msg: 'name is already taken', type: 'isFreeName', in: 'body' },
    ]);
    const free = await post('/signup', { name: 'free' });
    expect(free.statusCode).to.equal(201);
  });

  it('refuses at start-up a parameter whose class was imported with `import type`', () => {
    // What TypeScript emits for `@Body() dto: Dto` when Dto comes from `import type`.
    class BrokenController {
      create(_dto: unknown) {}
    }
    Controller()(BrokenController);
    Post('/x')(
      BrokenController.prototype,
      'create',
      Object.getOwnPropertyDescriptor(BrokenController.prototype, 'create')!,
    );
    Body()(BrokenController.prototype, 'create', 0);
    Reflect.defineMetadata('design:paramtypes', [Function], BrokenController.prototype, 'create');
    expect(() => createApp({ controllers: [BrokenController], logger: false }))
      .to.throw(
        CorbelError,
        /@Body\(\) on BrokenController.create \(parameter #1\): its declared type was emitted as Function/,
      )
      .with.property('code', 'CORBEL_ERR_INVALID_PARAMETER');
  });
});
