// The global prefix and API versions: URI versions in the path, header versions picking the route.
import { type AppOptions, Controller, CorbelError, createApp, Get, Param, Version } from '@corbel/core';
import { expect } from 'chai';
import { send } from '../support/http-client';
import { useApps } from '../support/use-apps';

@Controller('/users')
@Version('1')
class UsersV1 {
  @Get()
  list() {
    return { version: 1 };
  }

  @Get('/:id')
  @Version('1', '2')
  findOne(@Param('id') id: number) {
    return { id, shared: true };
  }
}

@Controller('/users')
@Version('2')
class UsersV2 {
  @Get()
  list() {
    return { version: 2 };
  }
}

@Controller('/health')
class HealthController {
  @Get()
  health() {
    return { ok: true };
  }
}

describe('prefix and versioning', () => {
  const start = useApps();

  it('prefix puts every route under it, and app.routes() lists the prefixed paths', async () => {
    const { app, url } = await start({ controllers: [HealthController], prefix: '/api' });
    expect((await send(url, { path: '/api/health' })).status).to.equal(200);
    expect((await send(url, { path: '/health' })).status).to.equal(404);
    expect(app.routes()).to.deep.equal([{ method: 'GET', path: '/api/health', handler: 'HealthController.health' }]);
  });

  it('URI versioning serves /v1/… and /v2/…, unversioned routes at their path, and an unknown version 404s', async () => {
    const { app, url } = await start({
      controllers: [UsersV1, UsersV2, HealthController],
      prefix: '/api',
      versioning: { type: 'uri' },
    });
    expect(JSON.parse((await send(url, { path: '/api/v1/users' })).body)).to.deep.equal({ version: 1 });
    expect(JSON.parse((await send(url, { path: '/api/v2/users' })).body)).to.deep.equal({ version: 2 });
    expect(JSON.parse((await send(url, { path: '/api/v2/users/7' })).body)).to.deep.equal({ id: 7, shared: true });
    expect((await send(url, { path: '/api/v3/users' })).status).to.equal(404);
    expect((await send(url, { path: '/api/users' })).status).to.equal(404);
    expect((await send(url, { path: '/api/health' })).status).to.equal(200);
    expect(app.routes().map((route) => route.path)).to.include.members([
      '/api/v1/users',
      '/api/v1/users/:id',
      '/api/v2/users/:id',
    ]);
  });

  it('URI versioning with defaultVersion puts routes without @Version under it', async () => {
    const { url } = await start({ controllers: [HealthController], versioning: { type: 'uri', defaultVersion: '1' } });
    expect((await send(url, { path: '/v1/health' })).status).to.equal(200);
    expect((await send(url, { path: '/health' })).status).to.equal(404);
  });

  it('header versioning picks the route by X-API-Version; an unknown version is a 404', async () => {
    const { app, url } = await start({
      controllers: [UsersV1, UsersV2, HealthController],
      versioning: { type: 'header' },
    });
    const v1 = await send(url, { path: '/users', headers: { 'x-api-version': '1' } });
    expect(JSON.parse(v1.body)).to.deep.equal({ version: 1 });
    const v2 = await send(url, { path: '/users', headers: { 'X-API-Version': '2' } });
    expect(JSON.parse(v2.body)).to.deep.equal({ version: 2 });
    expect((await send(url, { path: '/users/3', headers: { 'x-api-version': '2' } })).status).to.equal(200);
    expect((await send(url, { path: '/users', headers: { 'x-api-version': '9' } })).status).to.equal(404);
    // No header and no default: only unversioned routes answer.
    expect((await send(url, { path: '/users' })).status).to.equal(404);
    expect((await send(url, { path: '/health' })).status).to.equal(200);
    expect((await send(url, { method: 'POST', path: '/users', headers: { 'x-api-version': '1' } })).status).to.equal(
      405,
    );
    expect(app.routes()).to.deep.include({ method: 'GET', path: '/users', handler: 'UsersV2.list', version: '2' });
  });

  it('header versioning reads a custom header, and a request without it gets defaultVersion', async () => {
    const { url } = await start({
      controllers: [UsersV1, UsersV2],
      versioning: { type: 'header', header: 'Accept-Version', defaultVersion: '2' },
    });
    expect(JSON.parse((await send(url, { path: '/users' })).body)).to.deep.equal({ version: 2 });
    expect(JSON.parse((await send(url, { path: '/users', headers: { 'accept-version': '1' } })).body)).to.deep.equal({
      version: 1,
    });
  });

  for (const type of ['uri', 'header'] as const) {
    it(`two routes with the same path and version are CORBEL_ERR_DUPLICATE_ROUTE (${type})`, () => {
      @Controller('/users')
      @Version('1')
      class AlsoV1 {
        @Get()
        other() {}
      }
      const options: AppOptions = { controllers: [UsersV1, AlsoV1], logger: false, versioning: { type } };
      expect(() => createApp(options))
        .to.throw(CorbelError)
        .with.property('code', 'CORBEL_ERR_DUPLICATE_ROUTE');
      expect(() => createApp(options)).to.throw(
        /GET \/(v1\/)?users.* is declared twice: by UsersV1.list and by AlsoV1.other/,
      );
    });
  }

  it('@Version in an app without versioning is refused at start-up, naming the route', () => {
    expect(() => createApp({ controllers: [UsersV1], logger: false }))
      .to.throw(CorbelError, /@Version on UsersV1.list: the app has no versioning/)
      .with.property('code', 'CORBEL_ERR_INVALID_OPTION');
  });
});
