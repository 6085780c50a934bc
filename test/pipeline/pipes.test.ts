// Pipes: NestJS's built-ins, pipe classes with injection, @UsePipes, global pipes, and ValidationPipe's options.
import {
  type ArgumentMetadata,
  Body,
  Controller,
  createApp,
  createParamDecorator,
  DefaultValuePipe,
  Get,
  Headers,
  HTTPBadRequest,
  Injectable,
  Module,
  Param,
  ParseArrayPipe,
  ParseBoolPipe,
  ParseEnumPipe,
  ParseFloatPipe,
  ParseIntPipe,
  ParseUUIDPipe,
  type PipeTransform,
  Post,
  Query,
  UsePipes,
  ValidationPipe,
} from '@corbel/core';
import { SubscribeMessage, WebSocketGateway, webSockets } from '@corbel/ws';
import { expect } from 'chai';
import { IsInt, IsString, Min } from 'class-validator';
import { startupError } from '../support/startup-error';

enum Color {
  Red = 'red',
  Blue = 'blue',
}

enum Size {
  Small = 1,
  Large = 2,
}

class CreateCatDto {
  @IsString({ always: true }) name!: string;
  @IsInt({ always: true }) @Min(0, { groups: ['adult'] }) age!: number;
}

/** What each pipe saw, for the metadata assertions. */
const seen: ArgumentMetadata[] = [];

@Injectable()
class Prefixes {
  readonly prefix = 'cat:';
}

/** A pipe class: instantiated with injection in the controller's module. */
@Injectable()
class PrefixPipe implements PipeTransform<string, string> {
  constructor(private readonly prefixes: Prefixes) {}
  transform(value: string, metadata: ArgumentMetadata) {
    seen.push(metadata);
    return `${this.prefixes.prefix}${value}`;
  }
}

class UpperPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown) {
    return typeof value === 'string' ? value.toUpperCase() : value;
  }
}

class AsyncTrimPipe implements PipeTransform<unknown, Promise<unknown>> {
  async transform(value: unknown) {
    return typeof value === 'string' ? value.trim() : value;
  }
}

class EvenPipe implements PipeTransform<number, number> {
  transform(value: number) {
    if (value % 2 !== 0) throw new HTTPBadRequest('Only even numbers');
    return value;
  }
}

const Tenant = createParamDecorator((_data: string | undefined, context) => context.request.headers['x-tenant']);

@Controller('/cats')
class CatsController {
  @Get('/:id')
  findOne(@Param('id', ParseIntPipe) id: number) {
    return { id, type: typeof id };
  }

  @Get('/uuid/:id')
  byUuid(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string) {
    return { id };
  }

  @Get()
  list(
    @Query('page', new DefaultValuePipe(1), ParseIntPipe) page: number,
    @Query('ratio', new DefaultValuePipe('0.5'), ParseFloatPipe) ratio: number,
    @Query('archived', new DefaultValuePipe('false'), ParseBoolPipe) archived: boolean,
  ) {
    return { page, ratio, archived };
  }

  @Get('/by/color')
  byColor(@Query('color', new ParseEnumPipe(Color)) color: Color, @Query('size', new ParseEnumPipe(Size)) size: Size) {
    return { color, size };
  }

  @Get('/by/ids')
  byIds(@Query('ids', new ParseArrayPipe({ items: Number, separator: ',' })) ids: number[]) {
    return { ids };
  }

  @Get('/named/:name')
  named(@Param('name', PrefixPipe) name: string, @Headers('x-shout', UpperPipe) shout: string) {
    return { name, shout };
  }

  @Get('/even/:n')
  even(@Param('n', ParseIntPipe, EvenPipe) n: number) {
    return { n };
  }

  @Get('/trimmed/q')
  trimmed(@Query('q', AsyncTrimPipe, UpperPipe) q: string) {
    return { q };
  }

  @Get('/tenant/me')
  tenant(@Tenant(undefined, UpperPipe) tenant: string) {
    return { tenant };
  }

  @Post()
  create(@Body(new ValidationPipe({ groups: ['adult'] })) dto: CreateCatDto) {
    return { name: dto.name, age: dto.age, instance: dto instanceof CreateCatDto };
  }

  @Post('/many')
  createMany(@Body(new ParseArrayPipe({ items: CreateCatDto })) cats: CreateCatDto[]) {
    return { names: cats.map((cat) => cat.name) };
  }
}

@Module({ controllers: [CatsController], providers: [Prefixes] })
class CatsModule {}

const app = createApp(CatsModule, { logger: false });
const post = (url: string, body: unknown) =>
  app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('pipes: built-ins', () => {
  it("@Param('id', ParseIntPipe) gives a number, and a path that is not one answers 404", async () => {
    expect((await app.inject('/cats/7')).json()).to.deep.equal({ id: 7, type: 'number' });
    const response = await app.inject('/cats/abc');
    expect(response.statusCode).to.equal(404);
    expect(response.json()).to.deep.equal({ detail: 'Not found' });
  });

  it('DefaultValuePipe gives the default of a missing query value, and the parse pipes after it convert', async () => {
    expect((await app.inject('/cats')).json()).to.deep.equal({ page: 1, ratio: 0.5, archived: false });
    const given = await app.inject('/cats?page=3&ratio=2.5&archived=true');
    expect(given.json()).to.deep.equal({ page: 3, ratio: 2.5, archived: true });
  });

  it('answers a query value a built-in pipe refuses with 422 and an entry naming it', async () => {
    const response = await app.inject('/cats?page=1.5&archived=maybe');
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.equal([
      {
        loc: ['page'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        type: 'int_parsing',
        in: 'query',
      },
      // Corbel's own conversion of the declared boolean runs first, and refuses it before the pipe sees it.
      {
        loc: ['archived'],
        msg: 'Input should be a valid boolean, unable to interpret input (expected true, false, 1 or 0)',
        type: 'bool_parsing',
        in: 'query',
      },
    ]);
  });

  it('ParseUUIDPipe checks the version it was given', async () => {
    const v4 = '9b2f4a6e-5a3c-4d1e-9f7a-2b8c6d4e1f03';
    expect((await app.inject(`/cats/uuid/${v4}`)).json()).to.deep.equal({ id: v4 });
    expect((await app.inject('/cats/uuid/a3bb189e-8bf9-3888-9912-ace4e6543002')).statusCode).to.equal(404);
  });

  it('ParseEnumPipe accepts members (a numeric one from its digits) and names the members when it refuses', async () => {
    expect((await app.inject('/cats/by/color?color=red&size=2')).json()).to.deep.equal({ color: 'red', size: 2 });
    const response = await app.inject('/cats/by/color?color=green&size=1');
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.equal([
      { loc: ['color'], msg: 'Input should be one of "red", "blue"', type: 'enum', in: 'query' },
    ]);
  });

  it('ParseArrayPipe splits and converts items; a bad item is an entry at its index', async () => {
    expect((await app.inject('/cats/by/ids?ids=1,2,3')).json()).to.deep.equal({ ids: [1, 2, 3] });
    const response = await app.inject('/cats/by/ids?ids=1,x');
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.equal([
      { loc: ['ids', 1], msg: 'Input should be a valid number', type: 'float_parsing', in: 'query' },
    ]);
  });

  it('ParseArrayPipe validates DTO items as Corbel validates a DTO parameter', async () => {
    const ok = await post('/cats/many', [{ name: 'Tom', age: 3 }]);
    expect(ok.json()).to.deep.equal({ names: ['Tom'] });
    const bad = await post('/cats/many', [
      { name: 'Tom', age: 3 },
      { name: 5, age: 3 },
    ]);
    expect(bad.statusCode).to.equal(422);
    expect(bad.json()).to.deep.equal([
      { loc: [1, 'name'], msg: 'name must be a string', type: 'isString', in: 'body' },
    ]);
  });
});

describe('pipes: classes, instances and order', () => {
  beforeEach(() => {
    seen.length = 0;
  });

  it('instantiates a pipe class with injection and tells it the metadata; headers get their own pipes', async () => {
    const response = await app.inject({ url: '/cats/named/tom', headers: { 'x-shout': 'hi' } });
    expect(response.json()).to.deep.equal({ name: 'cat:tom', shout: 'HI' });
    expect(seen).to.deep.equal([{ type: 'param', metatype: String, data: 'name' }]);
  });

  it('runs pipes in order, and a pipe that throws an HTTPException answers with it', async () => {
    expect((await app.inject('/cats/even/4')).json()).to.deep.equal({ n: 4 });
    const odd = await app.inject('/cats/even/3');
    expect(odd.statusCode).to.equal(400);
    expect(odd.json()).to.deep.equal({ detail: 'Only even numbers' });
  });

  it('awaits an async pipe before the next one', async () => {
    expect((await app.inject('/cats/trimmed/q?q=%20tom%20')).json()).to.deep.equal({ q: 'TOM' });
  });

  it('runs pipes given to a createParamDecorator decorator on its value', async () => {
    expect((await app.inject({ url: '/cats/tenant/me', headers: { 'x-tenant': 'acme' } })).json()).to.deep.equal({
      tenant: 'ACME',
    });
  });

  it('applies global pipes, then @UsePipes on the class and the method, then the parameter own', async () => {
    const order: string[] = [];
    const tag = (name: string): PipeTransform => ({
      transform(value: unknown) {
        order.push(name);
        return value;
      },
    });
    @Controller('/dogs')
    @UsePipes(tag('class'))
    class DogsController {
      @Get('/:id')
      @UsePipes(tag('method'))
      find(@Param('id', tag('param')) id: number, @Headers('x-a') header: string) {
        return { id, header: header ?? null };
      }
    }
    const dogs = createApp({ controllers: [DogsController], pipes: [tag('global')], logger: false });
    const response = await dogs.inject('/dogs/2');
    expect(response.json()).to.deep.equal({ id: 2, header: null });
    // The header parameter got none of the scoped pipes, as in NestJS.
    expect(order).to.deep.equal(['global', 'class', 'method', 'param']);
  });
});

describe('pipes: ValidationPipe maps onto Corbel validation', () => {
  it("applies its groups to the parameter's validation, validating once and handing over an instance", async () => {
    expect((await post('/cats', { name: 'Tom', age: 3 })).json()).to.deep.equal({
      name: 'Tom',
      age: 3,
      instance: true,
    });
    const response = await post('/cats', { name: 'Tom', age: -1 });
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.equal([
      { loc: ['age'], msg: 'age must not be less than 0', type: 'min', in: 'body' },
    ]);
  });

  it('as a global pipe, forbidNonWhitelisted refuses unknown properties everywhere', async () => {
    @Controller('/owners')
    class OwnersController {
      @Post()
      create(@Body() dto: CreateCatDto) {
        return dto;
      }
    }
    const strict = createApp({
      controllers: [OwnersController],
      pipes: [new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })],
      logger: false,
    });
    const response = await strict.inject({
      method: 'POST',
      url: '/owners',
      payload: JSON.stringify({ name: 'Ada', age: 3, admin: true }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.equal([
      { loc: ['admin'], msg: 'property admin should not exist', type: 'whitelistValidation', in: 'body' },
    ]);
  });

  it('refuses at createApp the options it cannot honour, naming the parameter', () => {
    for (const [options, shown] of [
      [{ transform: false }, 'transform: false'],
      [{ errorHttpStatusCode: 400 }, 'NestCompatibleErrorFilter'],
      [{ exceptionFactory: () => new Error('x') }, 'exceptionFactory'],
    ] as const) {
      @Controller('/x')
      class XController {
        @Post()
        create(@Body(new ValidationPipe(options)) dto: CreateCatDto) {
          return dto;
        }
      }
      const error = startupError(() => createApp({ controllers: [XController], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_PARAMETER');
      expect(error.message).to.include('@Body() on XController.create (parameter #1)');
      expect(error.message).to.include(shown);
    }
  });

  it('validates a createParamDecorator value only with validateCustomDecorators', async () => {
    const CurrentCat = createParamDecorator((_data: undefined, context) => ({
      name: context.request.headers['x-name'],
      age: 2,
    }));
    @Controller('/me')
    class MeController {
      @Get('/strict')
      strict(@CurrentCat(undefined, new ValidationPipe({ validateCustomDecorators: true })) cat: CreateCatDto) {
        return cat;
      }

      @Get('/loose')
      loose(@CurrentCat(undefined, new ValidationPipe()) cat: CreateCatDto) {
        return { name: cat.name ?? null };
      }
    }
    const me = createApp({ controllers: [MeController], logger: false });
    expect((await me.inject({ url: '/me/strict', headers: { 'x-name': 'Tom' } })).json()).to.deep.equal({
      name: 'Tom',
      age: 2,
    });
    const missing = await me.inject('/me/strict');
    expect(missing.statusCode).to.equal(422);
    expect(missing.json()).to.deep.equal([
      { loc: ['name'], msg: 'name must be a string', type: 'isString', in: 'body' },
    ]);
    expect((await me.inject('/me/loose')).json()).to.deep.equal({ name: null });
  });
});

describe('pipes: gateways', () => {
  it('refuses @UsePipes on a gateway at createApp: its pipes would never run', () => {
    @WebSocketGateway('/chat')
    @UsePipes(new ValidationPipe())
    class ChatGateway {
      @SubscribeMessage('say')
      say() {
        return 'ok';
      }
    }
    const error = startupError(() => createApp({ plugins: [webSockets({ gateways: [ChatGateway] })], logger: false }));
    expect(error.code).to.equal('CORBEL_ERR_INVALID_PIPELINE_STAGE');
    expect(error.message).to.include('@UsePipes on ChatGateway');
  });
});
