// Misdeclared answers are refused by createApp with a stable code and a message naming the route.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  Catch,
  Controller,
  CorbelError,
  createApp,
  ErrorCodes,
  Get,
  Returns,
  type ReturnsType,
  type SerializationOptions,
  SerializeOptions,
} from '@corbel/core';
import { expect } from 'chai';
import { Expose, Type } from 'class-transformer';
import { IsInt, IsString, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';

class UserDto {
  @IsInt()
  id!: number;
}

/** A class nobody decorated: nothing says which of its properties may be sent. */
class Undeclared {
  id = 1;
  secret = 'x';
}

function startupError(build: () => unknown): CorbelError {
  try {
    build();
  } catch (error) {
    expect(error).to.be.instanceOf(CorbelError);
    return error as CorbelError;
  }
  throw new Error('expected createApp to throw');
}

function appReturning(type: unknown, options: { status?: number } = {}) {
  @Controller('/things')
  class ThingsController {
    @Get()
    @Returns(type as ReturnsType, options)
    list() {
      return [];
    }
  }
  return () => createApp({ controllers: [ThingsController], logger: false });
}

describe('answer declarations checked at createApp', () => {
  it('lists the two new codes in ErrorCodes', () => {
    expect(ErrorCodes).to.have.property('CORBEL_ERR_INVALID_RESPONSE_TYPE');
    expect(ErrorCodes).to.have.property('CORBEL_ERR_INVALID_SERIALIZATION');
  });

  describe('CORBEL_ERR_INVALID_RESPONSE_TYPE', () => {
    for (const [what, type] of [
      ['a string', 'UserDto'],
      ['undefined', undefined],
      ['a built-in class that is not a scalar', Date],
      ['an empty array', []],
      ['an array of two classes', [UserDto, UserDto]],
    ] as const) {
      it(`refuses @Returns of ${what}, naming the route`, () => {
        const error = startupError(appReturning(type));
        expect(error.code).to.equal('CORBEL_ERR_INVALID_RESPONSE_TYPE');
        expect(error.message).to.include('@Returns on ThingsController.list');
      });
    }

    it('refuses a class with no declared properties, and says how to declare them', () => {
      const error = startupError(appReturning(Undeclared));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_RESPONSE_TYPE');
      expect(error.message).to.include('ThingsController.list');
      expect(error.message).to.include('Undeclared has no declared properties');
      expect(error.message).to.include('@Expose()');
    });

    it('refuses a nested property typed with a class that declares nothing', () => {
      class WithUndeclared {
        @IsInt()
        id!: number;

        @Type(() => Undeclared)
        inner!: Undeclared;
      }
      const error = startupError(appReturning(WithUndeclared));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_RESPONSE_TYPE');
      expect(error.message).to.include('WithUndeclared.inner is typed Undeclared');
    });

    it('refuses a @Type discriminator, which decides the class per value', () => {
      class Cat {
        @IsString()
        meow!: string;
      }
      class Owner {
        @Type(() => Object, { discriminator: { property: 'kind', subTypes: [{ name: 'cat', value: Cat }] } })
        pet!: Cat;
      }
      const error = startupError(appReturning(Owner));
      expect(error.message).to.include('Owner.pet has a @Type discriminator');
    });

    it('refuses an impossible status and two declarations for one status', () => {
      const impossible = startupError(appReturning(UserDto, { status: 99 }));
      expect(impossible.code).to.equal('CORBEL_ERR_INVALID_RESPONSE_TYPE');
      expect(impossible.message).to.include('status 99 is not an integer from 200 to 599');

      @Controller('/twice')
      class TwiceController {
        @Get()
        @Returns(UserDto)
        @Returns(UserDto, { status: 200 })
        get() {
          return {};
        }
      }
      const twice = startupError(() => createApp({ controllers: [TwiceController], logger: false }));
      expect(twice.code).to.equal('CORBEL_ERR_INVALID_RESPONSE_TYPE');
      expect(twice.message).to.include('two declarations for status 200');
    });

    it('refuses two properties that answer under the same name', () => {
      class Clash {
        @IsInt()
        id!: number;

        @Expose({ name: 'id' })
        @IsInt()
        legacyId!: number;
      }
      const error = startupError(appReturning(Clash));
      expect(error.message).to.include("Clash.id and Clash.legacyId both answer as 'id'");
    });

    it('refuses @Returns on a controller method that is not a route', () => {
      @Controller('/helpers')
      class HelpersController {
        @Get()
        list() {
          return this.shape();
        }

        @Returns(UserDto)
        shape() {
          return {};
        }
      }
      const error = startupError(() => createApp({ controllers: [HelpersController], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_RESPONSE_TYPE');
      expect(error.message).to.include('HelpersController.shape has no route decorator');
    });

    it('refuses a bad @Returns on a filter’s catch, naming the filter', () => {
      @Catch()
      class BadFilter {
        @Returns(Undeclared)
        catch() {
          return { oops: true };
        }
      }
      const error = startupError(() => createApp({ filters: [BadFilter], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_RESPONSE_TYPE');
      expect(error.message).to.include('@Returns on BadFilter.catch');
    });
  });

  describe('CORBEL_ERR_INVALID_SERIALIZATION', () => {
    function appWithOptions(options: unknown) {
      @Controller('/configured')
      class ConfiguredController {
        @Get()
        @SerializeOptions(options as SerializationOptions)
        get() {
          return {};
        }
      }
      return () => createApp({ controllers: [ConfiguredController], logger: false });
    }

    it('refuses an unknown @SerializeOptions key, listing the known ones', () => {
      const error = startupError(appWithOptions({ group: ['admin'] }));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_SERIALIZATION');
      expect(error.message).to.include("@SerializeOptions on ConfiguredController.get: unknown option 'group'");
      expect(error.message).to.include('groups');
    });

    it('refuses a value of the wrong type', () => {
      const error = startupError(appWithOptions({ groups: 'admin' }));
      expect(error.message).to.include('\'groups\' must be an array of strings, got "admin"');
      expect(startupError(appWithOptions({ strategy: 'hideAll' })).message).to.include("'exposeAll' or 'excludeAll'");
    });

    it('refuses options that only affect input, saying so', () => {
      const error = startupError(appWithOptions({ enableImplicitConversion: true }));
      expect(error.message).to.include('it only converts input (plainToInstance)');
    });

    it('refuses @SerializeOptions in an app that turned serialization off', () => {
      @Controller('/off')
      @SerializeOptions({ groups: ['admin'] })
      class OffController {
        @Get()
        get() {
          return {};
        }
      }
      const error = startupError(() =>
        createApp({ controllers: [OffController], logger: false, serialization: false }),
      );
      expect(error.code).to.equal('CORBEL_ERR_INVALID_SERIALIZATION');
      expect(error.message).to.include('@SerializeOptions on OffController: serialization is turned off');
    });

    it('refuses @SerializeOptions on a controller method that is not a route', () => {
      @Controller('/helper')
      class HelperController {
        @Get()
        get() {
          return {};
        }

        @SerializeOptions({ groups: ['x'] })
        helper() {}
      }
      const error = startupError(() => createApp({ controllers: [HelperController], logger: false }));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_SERIALIZATION');
      expect(error.message).to.include('HelperController.helper has no route decorator');
    });

    it('refuses createApp options it cannot use', () => {
      for (const serialization of [true, 'on', null]) {
        const error = startupError(() =>
          createApp({ logger: false, serialization: serialization as unknown as SerializationOptions }),
        );
        expect(error.code).to.equal('CORBEL_ERR_INVALID_SERIALIZATION');
        expect(error.message).to.include('createApp({ serialization })');
      }
      const unknown = startupError(() =>
        createApp({ logger: false, serialization: { groupz: [] } as unknown as SerializationOptions }),
      );
      expect(unknown.message).to.include("createApp({ serialization }): unknown option 'groupz'");
      const validation = startupError(() =>
        createApp({ logger: false, responseValidation: 'yes' as unknown as boolean }),
      );
      expect(validation.code).to.equal('CORBEL_ERR_INVALID_SERIALIZATION');
      expect(validation.message).to.include('createApp({ responseValidation }): expected a boolean');
    });

    it('refuses to start when a second copy of class-transformer is loaded, whose decorators it would not see', () => {
      // A real second copy on disk, as a nested node_modules with another version would give.
      const original = dirname(require.resolve('class-transformer/package.json'));
      const root = mkdtempSync(join(tmpdir(), 'corbel-second-copy-'));
      const copy = join(root, 'node_modules', 'class-transformer');
      cpSync(join(original, 'package.json'), join(copy, 'package.json'));
      cpSync(join(original, 'cjs'), join(copy, 'cjs'), { recursive: true });
      try {
        require(copy);
        const error = startupError(() => createApp({ logger: false }));
        expect(error.code).to.equal('CORBEL_ERR_INVALID_SERIALIZATION');
        expect(error.message).to.include('class-transformer is loaded 2 times');
        expect(error.message).to.include(copy);
      } finally {
        for (const file of Object.keys(require.cache)) if (file.startsWith(root)) delete require.cache[file];
        rmSync(root, { recursive: true, force: true });
      }
      expect(() => createApp({ logger: false })).not.to.throw();
    });

    it('refuses response validation of a DTO with an async constraint, which it could not run', () => {
      @ValidatorConstraint({ async: true })
      class UniqueName implements ValidatorConstraintInterface {
        async validate() {
          return true;
        }
      }
      class NamedDto {
        @Validate(UniqueName)
        name!: string;
      }
      @Controller('/named')
      class NamedController {
        @Get()
        @Returns(NamedDto)
        get() {
          return { name: 'x' };
        }
      }
      const build = (responseValidation: boolean) => () =>
        createApp({ controllers: [NamedController], logger: false, responseValidation });
      expect(build(false)).not.to.throw();
      const error = startupError(build(true));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_SERIALIZATION');
      expect(error.message).to.include('NamedDto has an async constraint');
    });
  });
});
