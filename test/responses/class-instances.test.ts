// Class instances with class-transformer metadata are answered by its rules, at any depth, through real requests.
import { type App, Controller, createApp, Get, json, type SerializationOptions, SerializeOptions } from '@corbel/core';
import { expect } from 'chai';
import { Exclude, Expose, Transform, Type } from 'class-transformer';
import { send } from '../support/http-client';

class AddressEntity {
  city = 'London';

  @Exclude()
  doorCode = '4321';
}

class UserEntity {
  id = 7;
  name = 'Ada';

  @Exclude()
  password = 'hunter2';

  @Expose({ groups: ['admin'] })
  email = 'ada@example.com';

  @Expose({ since: 2 })
  nickname = 'Countess';

  _internal = 'cache key';

  @Transform(({ value }) => (value as Date).getUTCFullYear())
  joined = new Date(Date.UTC(1843, 0, 1));

  @Type(() => AddressEntity)
  address = new AddressEntity();

  @Expose()
  get display(): string {
    return `${this.name} (#${this.id})`;
  }
}

/** Class-level @Exclude(): only @Expose()d properties leave. */
@Exclude()
class TokenEntity {
  @Expose()
  id = 't1';

  secret = 's3cr3t';
}

/** No class-transformer metadata at all: sent as JSON.stringify sends it. */
class PlainPoint {
  x = 1;
  y = 2;
}

/** A class that writes its own JSON keeps doing so, as with JSON.stringify. */
class Money {
  @Exclude()
  cents = 1250;

  toJSON() {
    return `€${(this.cents / 100).toFixed(2)}`;
  }
}

@Controller('/users')
class UsersController {
  @Get('/entity')
  entity() {
    return new UserEntity();
  }

  @Get('/list')
  list() {
    return [new UserEntity(), new UserEntity()];
  }

  @Get('/page')
  page() {
    return { items: [new UserEntity()], total: 1, token: new TokenEntity(), point: new PlainPoint() };
  }

  @Get('/async')
  async later() {
    await new Promise((resolve) => setImmediate(resolve));
    return new UserEntity();
  }

  @Get('/admin')
  @SerializeOptions({ groups: ['admin'] })
  admin() {
    return new UserEntity();
  }

  @Get('/v1')
  @SerializeOptions({ version: 1, excludePrefixes: ['_'] })
  v1() {
    return new UserEntity();
  }

  @Get('/point')
  point() {
    return new PlainPoint();
  }

  @Get('/money')
  money() {
    return { price: new Money() };
  }

  @Get('/cycle')
  cycle() {
    const user = new UserEntity() as UserEntity & { friend?: unknown };
    user.friend = user;
    return user;
  }

  @Get('/json-helper')
  jsonHelper() {
    // json() is "exactly this value, serialized now": it knows no app, so no class-transformer rules apply.
    return json({ user: new UserEntity() }, 200);
  }
}

/** The same answer on a controller without @SerializeOptions, for the app that turns serialization off. */
@Controller('/users')
class UnconfiguredUsersController {
  @Get('/entity')
  entity() {
    return new UserEntity();
  }
}

@Controller('/admin')
@SerializeOptions({ groups: ['admin'], excludePrefixes: ['_'] })
class AdminController {
  @Get('/user')
  user() {
    return new UserEntity();
  }

  @Get('/user-v1')
  @SerializeOptions({ version: 1 })
  userV1() {
    return new UserEntity();
  }

  @Get('/no-groups')
  @SerializeOptions({ groups: [] })
  noGroups() {
    return new UserEntity();
  }
}

const BASE_USER = {
  id: 7,
  name: 'Ada',
  nickname: 'Countess',
  _internal: 'cache key',
  joined: 1843,
  address: { city: 'London' },
  display: 'Ada (#7)',
};

async function getJson(url: string, path: string): Promise<unknown> {
  const answer = await send(url, { path });
  expect(answer.status, answer.body).to.equal(200);
  expect(answer.headers['content-type']).to.equal('application/json; charset=utf-8');
  return JSON.parse(answer.body);
}

function useApp(options: { serialization?: SerializationOptions | false } = {}) {
  const running: { app?: App; url: string } = { url: '' };
  before(async () => {
    running.app = createApp({ controllers: [UsersController, AdminController], logger: false, ...options });
    running.url = (await running.app.listen(0)).url;
  });
  after(async () => {
    await running.app?.close();
  });
  return running;
}

describe('class instances in answers', () => {
  describe('by default', () => {
    const running = useApp();

    it('never sends an @Exclude()d property of a returned instance (the password leak is closed)', async () => {
      const body = await getJson(running.url, '/users/entity');
      expect(body).to.deep.equal(BASE_USER);
      expect(JSON.stringify(body)).not.to.include('hunter2');
    });

    it('applies the rules to instances inside arrays, plain objects and other instances', async () => {
      expect(await getJson(running.url, '/users/list')).to.deep.equal([BASE_USER, BASE_USER]);
      expect(await getJson(running.url, '/users/page')).to.deep.equal({
        items: [BASE_USER],
        total: 1,
        token: { id: 't1' },
        point: { x: 1, y: 2 },
      });
    });

    it('applies them to what an async handler resolves to', async () => {
      expect(await getJson(running.url, '/users/async')).to.deep.equal(BASE_USER);
    });

    it('sends an instance of a class without class-transformer metadata as JSON.stringify does', async () => {
      expect(await getJson(running.url, '/users/point')).to.deep.equal({ x: 1, y: 2 });
    });

    it('answers an instance that contains itself with the plain 500, as JSON.stringify would refuse it', async () => {
      const answer = await send(running.url, { path: '/users/cycle' });
      expect(answer.status).to.equal(500);
      expect(answer.body).to.equal('{"detail":"Internal Server Error"}');
      expect(await getJson(running.url, '/users/entity')).to.deep.equal(BASE_USER);
    });

    it("lets a class's own toJSON decide, as JSON.stringify does", async () => {
      expect(await getJson(running.url, '/users/money')).to.deep.equal({ price: '€12.50' });
    });

    it('leaves json() as it is documented: the value serialized when it was made, with no rules applied', async () => {
      const body = (await getJson(running.url, '/users/json-helper')) as { user: Record<string, unknown> };
      expect(body.user.password).to.equal('hunter2');
    });
  });

  describe('with @SerializeOptions', () => {
    const running = useApp();

    it('on a method: its groups expose @Expose({ groups }) properties', async () => {
      expect(await getJson(running.url, '/users/admin')).to.deep.equal({ ...BASE_USER, email: 'ada@example.com' });
    });

    it('on a method: version (against @Expose({ since })) and excludePrefixes', async () => {
      const { _internal, nickname, ...rest } = BASE_USER;
      expect(await getJson(running.url, '/users/v1')).to.deep.equal(rest);
    });

    it('on a controller, merged key by key with the method over it', async () => {
      const { _internal, ...rest } = BASE_USER;
      expect(await getJson(running.url, '/admin/user')).to.deep.equal({ ...rest, email: 'ada@example.com' });
      const { nickname, ...older } = rest;
      expect(await getJson(running.url, '/admin/user-v1')).to.deep.equal({ ...older, email: 'ada@example.com' });
      expect(await getJson(running.url, '/admin/no-groups')).to.deep.equal(rest);
    });
  });

  describe('with createApp({ serialization })', () => {
    const running = useApp({ serialization: { strategy: 'excludeAll' } });

    it('applies the app-wide options to every route, under the routes’ own', async () => {
      // excludeAll: only @Expose()d properties are sent (email only for the admin group of AdminController).
      expect(await getJson(running.url, '/users/entity')).to.deep.equal({ nickname: 'Countess', display: 'Ada (#7)' });
      expect(await getJson(running.url, '/admin/user')).to.deep.equal({
        email: 'ada@example.com',
        nickname: 'Countess',
        display: 'Ada (#7)',
      });
    });
  });

  describe('with createApp({ serialization: false })', () => {
    // The same app as "by default": this is what every answer looked like before instances were serialized.
    const running: { app?: App; url: string } = { url: '' };
    before(async () => {
      running.app = createApp({ controllers: [UnconfiguredUsersController], logger: false, serialization: false });
      running.url = (await running.app.listen(0)).url;
    });
    after(async () => {
      await running.app?.close();
    });

    it('sends instances with JSON.stringify, @Exclude()d properties included', async () => {
      const body = (await getJson(running.url, '/users/entity')) as Record<string, unknown>;
      expect(body.password).to.equal('hunter2');
      expect(body.address).to.deep.equal({ city: 'London', doorCode: '4321' });
    });
  });

  it('finds a class decorated after createApp (a lazily loaded module) before its first answer', async () => {
    @Controller('/late')
    class LateController {
      static make: () => object = () => ({});

      @Get()
      late() {
        return { value: LateController.make() };
      }
    }
    const app = createApp({ controllers: [LateController], logger: false });
    const { url } = await app.listen(0);
    try {
      class LateEntity {
        shown = 1;

        @Exclude()
        hidden = 2;
      }
      LateController.make = () => new LateEntity();
      expect(await getJson(url, '/late')).to.deep.equal({ value: { shown: 1 } });
    } finally {
      await app.close();
    }
  });
});
