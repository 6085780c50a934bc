// Parameter decorators refuse, at createApp, what they do not understand: unknown options, non-pipes, wrong values.
import {
  Body,
  Controller,
  Cookie,
  createApp,
  createParamDecorator,
  type FieldOptions,
  Get,
  Headers,
  Param,
  Post,
  Query,
  Req,
} from '@corbel/core';
import { expect } from 'chai';
import { IsString } from 'class-validator';
import { startupError } from '../support/startup-error';

/** NestJS's ParseIntPipe, as a migrated app brings it. */
class ParseIntPipe {
  transform(value: string) {
    return Number.parseInt(value, 10);
  }
}

class UserDto {
  @IsString()
  name!: string;
}

/** A decorator called as plain JavaScript may be, with arguments its types do not allow. */
function untyped(decorator: unknown): (...args: unknown[]) => ParameterDecorator {
  return decorator as (...args: unknown[]) => ParameterDecorator;
}

describe('parameter decorators: arguments they do not understand', () => {
  it("refuses an unknown option key at start-up, naming it and what the decorator understands (@Query('p', { requird }))", () => {
    @Controller('/books')
    class BooksController {
      @Get()
      list(@Query('p', { requird: true } as FieldOptions) p: number) {
        return { p };
      }
    }
    const error = startupError(() => createApp({ controllers: [BooksController], logger: false }));
    expect(error.code).to.equal('CORBEL_ERR_INVALID_PARAMETER');
    expect(error.message).to.equal(
      "@Query('p') on BooksController.list: unknown option 'requird' (did you mean 'required'?); @Query " +
        'understands required, default, type, description, example',
    );
  });

  it('refuses unknown options on every decorator, @Param included (which takes no required or default)', () => {
    const cases: [string, () => ParameterDecorator, string][] = [
      ['Param', () => Param('id', { default: 1 } as FieldOptions), "unknown option 'default'"],
      ['Headers', () => Headers('x-key', { optional: true } as FieldOptions), "unknown option 'optional'"],
      ['Cookie', () => Cookie('sid', { httpOnly: true } as FieldOptions), "unknown option 'httpOnly'"],
      ['Body', () => Body({ typ: UserDto } as FieldOptions), "unknown option 'typ' (did you mean 'type'?)"],
    ];
    for (const [decorator, make, problem] of cases) {
      const parameter = make();
      @Controller('/x')
      class XController {
        @Post('/:id')
        handle(@parameter value: unknown) {
          return value;
        }
      }
      const error = startupError(() => createApp({ controllers: [XController], logger: false }));
      expect(error.code, decorator).to.equal('CORBEL_ERR_INVALID_PARAMETER');
      expect(error.message).to.include(`@${decorator}(`);
      expect(error.message).to.include('XController.handle');
      expect(error.message).to.include(problem);
    }
  });

  it('refuses an argument that is neither a pipe class nor a pipe instance, naming it', () => {
    class NotAPipe {}
    const decorators: [string, ParameterDecorator][] = [
      ['an argument it does not understand: the number 5', untyped(Param)('id', 5)],
      ['an argument it does not understand: the class NotAPipe', untyped(Query)('page', NotAPipe)],
      ['an argument it does not understand: the string "x"', untyped(Query)('page', { default: 1 }, 'x')],
      ['an argument it does not understand: an instance of NotAPipe', untyped(Body)(new NotAPipe())],
      ['takes no arguments, got the string "raw"', untyped(Req)('raw')],
      ['takes no arguments, got a pipe (an instance of ParseIntPipe)', untyped(Req)(new ParseIntPipe())],
    ];
    for (const [shown, decorator] of decorators) {
      @Controller('/x')
      class XController {
        @Post('/:id')
        handle(@decorator value: unknown) {
          return value;
        }
      }
      const error = startupError(() => createApp({ controllers: [XController], logger: false }));
      expect(error.code, shown).to.equal('CORBEL_ERR_INVALID_PARAMETER');
      expect(error.message).to.include(shown);
      expect(error.message).to.include('XController.handle');
    }
  });

  it('refuses a custom parameter decorator given an argument after its data that is not a pipe', () => {
    const CurrentUser = untyped(createParamDecorator((field: string | undefined) => field));
    @Controller('/me')
    class MeController {
      @Get()
      me(@CurrentUser('name', 42) name: string) {
        return { name };
      }
    }
    const error = startupError(() => createApp({ controllers: [MeController], logger: false }));
    expect(error.code).to.equal('CORBEL_ERR_INVALID_PARAMETER');
    expect(error.message).to.include('MeController.me (parameter #1)');
    expect(error.message).to.include('the number 42');
  });

  it('refuses an option of the wrong kind (required: "yes", type: "number")', () => {
    for (const [options, shown] of [
      [{ required: 'yes' }, 'option required must be true or false, got the string "yes"'],
      [{ type: 'number' }, 'option type must be a class'],
      [{ description: 42 }, 'option description must be a string, got the number 42'],
    ] as const) {
      @Controller('/x')
      class XController {
        @Get()
        handle(@Query('q', options as unknown as FieldOptions) q: string) {
          return q;
        }
      }
      const error = startupError(() => createApp({ controllers: [XController], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_PARAMETER');
      expect(error.message).to.include(shown);
    }
  });

  it('accepts description and example (read by @corbel/openapi) and keeps serving as before', async () => {
    @Controller('/books')
    class BooksController {
      @Get('/:id')
      findOne(
        @Param('id', { description: 'The book id', example: 7 }) id: number,
        @Query('fields', { description: 'Comma-separated', example: 'title', default: 'all' }) fields: string,
      ) {
        return { id, fields };
      }
    }
    const response = await createApp({ controllers: [BooksController], logger: false }).inject('/books/7');
    expect(response.statusCode).to.equal(200);
    expect(response.json()).to.deep.equal({ id: 7, fields: 'all' });
  });
});

describe('a DTO-typed named body field', () => {
  @Controller('/accounts')
  class AccountsController {
    @Post()
    create(@Body('user') user: UserDto) {
      return { name: user.name };
    }

    @Post('/optional')
    maybe(@Body('user', { required: false }) user?: UserDto) {
      return { user: user ?? null };
    }
  }
  const app = createApp({ controllers: [AccountsController], logger: false });
  const post = (url: string, body: unknown) =>
    app.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  it('is required by default: missing, it is a 422 Field required at ["user"]', async () => {
    const response = await post('/accounts', { other: 1 });
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.equal([{ loc: ['user'], msg: 'Field required', type: 'missing', in: 'body' }]);
  });

  it('is validated when present', async () => {
    expect((await post('/accounts', { user: { name: 'Ada' } })).json()).to.deep.equal({ name: 'Ada' });
    const invalid = await post('/accounts', { user: { name: 5 } });
    expect(invalid.statusCode).to.equal(422);
    expect(invalid.json()).to.deep.equal([
      { loc: ['user', 'name'], msg: 'name must be a string', type: 'isString', in: 'body' },
    ]);
  });

  it('with { required: false } may be missing, and a present value is still validated', async () => {
    const missing = await post('/accounts/optional', {});
    expect(missing.statusCode).to.equal(201);
    expect(missing.json()).to.deep.equal({ user: null });
    const invalid = await post('/accounts/optional', { user: { name: [] } });
    expect(invalid.statusCode).to.equal(422);
    expect(invalid.json()[0].loc).to.deep.equal(['user', 'name']);
  });
});
