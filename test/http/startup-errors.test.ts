// Start-up errors: framework misuse is thrown by createApp with a stable code and a message that says where.
import { All, Controller, CorbelError, createApp, ErrorCodes, Get, Header, HttpCode, Param, Post } from '@corbel/core';
import { expect } from 'chai';

/** Runs `build` and returns the CorbelError it throws. */
function startupError(build: () => unknown): CorbelError {
  try {
    build();
  } catch (error) {
    expect(error).to.be.instanceOf(CorbelError);
    expect(error).to.be.instanceOf(Error);
    return error as CorbelError;
  }
  throw new Error('expected createApp to throw');
}

describe('start-up errors', () => {
  describe('CORBEL_ERR_DUPLICATE_ROUTE', () => {
    it('is thrown for the same method and path twice in one controller, naming both handlers', () => {
      @Controller('/dup')
      class DuplicateController {
        @Get('/x')
        first() {}

        @Get('/x')
        second() {}
      }
      const error = startupError(() => createApp({ controllers: [DuplicateController], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_DUPLICATE_ROUTE');
      expect(error.name).to.equal('CorbelError');
      expect(error.message).to.include('GET /dup/x');
      expect(error.message).to.include('DuplicateController.first');
      expect(error.message).to.include('DuplicateController.second');
    });

    it('is thrown across controllers whose prefixes join to the same path', () => {
      @Controller('/shared')
      class FirstController {
        @Post('/item')
        create() {}
      }
      @Controller('shared/')
      class SecondController {
        @Post('item')
        add() {}
      }
      const error = startupError(() => createApp({ controllers: [FirstController, SecondController], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_DUPLICATE_ROUTE');
      expect(error.message).to.include('FirstController.create');
      expect(error.message).to.include('SecondController.add');
    });

    it('is thrown for paths that differ only in the name of a parameter', () => {
      @Controller('/things')
      class ParamNamesController {
        @Get('/:id')
        byId(@Param('id') id: string) {
          return id;
        }

        @Get('/:slug')
        bySlug(@Param('slug') slug: string) {
          return slug;
        }
      }
      const error = startupError(() => createApp({ controllers: [ParamNamesController], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_DUPLICATE_ROUTE');
      expect(error.message).to.include('ParamNamesController.byId');
      expect(error.message).to.include('ParamNamesController.bySlug');
    });

    it('is thrown when @All overlaps a route of one method on the same path', () => {
      @Controller('/overlap')
      class OverlapController {
        @Get()
        read() {}

        @All()
        any() {}
      }
      const error = startupError(() => createApp({ controllers: [OverlapController], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_DUPLICATE_ROUTE');
      expect(error.message).to.include('OverlapController.read');
      expect(error.message).to.include('OverlapController.any');
    });

    it('is not thrown for the same path with different methods', () => {
      @Controller('/fine')
      class FineController {
        @Get()
        read() {}

        @Post()
        write() {}
      }
      expect(() => createApp({ controllers: [FineController], logger: false })).to.not.throw();
    });
  });

  describe('CORBEL_ERR_UNKNOWN_PATH_PARAM', () => {
    it("is thrown for @Param('id') on a route without ':id', naming controller, method and path", () => {
      @Controller('/users')
      class UsersController {
        @Get()
        findOne(@Param('id') id: string) {
          return id;
        }
      }
      const error = startupError(() => createApp({ controllers: [UsersController], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_UNKNOWN_PATH_PARAM');
      expect(error.message).to.include("@Param('id')");
      expect(error.message).to.include('UsersController.findOne');
      expect(error.message).to.include("'/users'");
      expect(error.message).to.include("':id'");
      expect(error.message).to.equal("@Param('id') on UsersController.findOne: route '/users' has no ':id'");
    });

    it('is thrown when the path has other parameters but not this one', () => {
      @Controller('/users')
      class TypoController {
        @Get('/:userId')
        findOne(@Param('id') id: string) {
          return id;
        }
      }
      const error = startupError(() => createApp({ controllers: [TypoController], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_UNKNOWN_PATH_PARAM');
      expect(error.message).to.include('TypoController.findOne');
      expect(error.message).to.include('/users/:userId');
    });
  });

  describe('CORBEL_ERR_NOT_A_CONTROLLER', () => {
    it('is thrown for a class in controllers without @Controller, naming it', () => {
      class PlainService {
        @Get('/x')
        handler() {}
      }
      const error = startupError(() => createApp({ controllers: [PlainService], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_NOT_A_CONTROLLER');
      expect(error.message).to.include('PlainService');
      expect(error.message).to.include('@Controller');
    });

    it('is thrown before any request: the app is never built', () => {
      class NotDecorated {}
      @Controller('/ok')
      class OkController {
        @Get()
        ok() {}
      }
      const error = startupError(() => createApp({ controllers: [OkController, NotDecorated], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_NOT_A_CONTROLLER');
      expect(error.message).to.include('NotDecorated');
    });
  });

  describe('CORBEL_ERR_INVALID_ROUTE_OPTION', () => {
    it('is thrown for an impossible @HttpCode, naming the handler', () => {
      @Controller('/bad')
      class BadStatusController {
        @Get()
        @HttpCode(1000)
        handler() {}
      }
      const error = startupError(() => createApp({ controllers: [BadStatusController], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_ROUTE_OPTION');
      expect(error.message).to.include('@HttpCode(1000)');
      expect(error.message).to.include('BadStatusController.handler');
    });

    it('is thrown for CR/LF in an @Header value, naming the handler', () => {
      @Controller('/bad')
      class BadHeaderController {
        @Get()
        @Header('X-Bad', 'a\r\nX-Injected: 1')
        handler() {}
      }
      const error = startupError(() => createApp({ controllers: [BadHeaderController], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_ROUTE_OPTION');
      expect(error.message).to.include('BadHeaderController.handler');
      expect(error.message).to.include('X-Bad');
    });
  });

  describe('the code catalogue', () => {
    const codes = Object.keys(ErrorCodes);

    it('holds the three codes of the foundation', () => {
      expect(codes).to.include.members([
        'CORBEL_ERR_DUPLICATE_ROUTE',
        'CORBEL_ERR_UNKNOWN_PATH_PARAM',
        'CORBEL_ERR_NOT_A_CONTROLLER',
      ]);
    });

    it('every code starts with CORBEL_ERR_ and is written in upper snake case', () => {
      for (const code of codes) expect(code).to.match(/^CORBEL_ERR_[A-Z0-9]+(_[A-Z0-9]+)*$/);
    });

    it('every code is unique, also ignoring case and punctuation', () => {
      const normalised = codes.map((code) => code.toLowerCase().replace(/[^a-z0-9]/g, ''));
      expect(new Set(normalised).size).to.equal(codes.length);
    });

    it('every code says what it means, and no two meanings are the same', () => {
      const meanings = Object.values(ErrorCodes) as string[];
      for (const meaning of meanings) expect(meaning).to.be.a('string').and.not.equal('');
      expect(new Set(meanings).size).to.equal(meanings.length);
    });

    it('the codes thrown here are in the catalogue', () => {
      class Plain {}
      const error = startupError(() => createApp({ controllers: [Plain], logger: false }));
      expect(Object.hasOwn(ErrorCodes, error.code)).to.equal(true);
    });
  });
});
