// The cats sample, end to end on @corbel/testing, as NestJS's cats e2e test is written.
import { join } from 'node:path';
import type { App } from '@corbel/core';
import { Test, type TestingModule } from '@corbel/testing';
import { expect } from 'chai';

// The compiled tests run from test/dist/samples and the compiled samples live in samples/dist, so the modules are
// loaded by path at run time; the types still come from the sources, so a renamed export fails the build.
const repositoryRoot = join(__dirname, '..', '..', '..');
const { CatsModule } = require(
  join(repositoryRoot, 'samples/dist/cats/cats.module'),
) as typeof import('../../samples/cats/cats.module');
const { CatsService } = require(
  join(repositoryRoot, 'samples/dist/cats/cats.service'),
) as typeof import('../../samples/cats/cats.service');
const { createSampleApp } = require(join(repositoryRoot, 'samples/dist/app')) as typeof import('../../samples/app');
const { of } = require('rxjs') as typeof import('rxjs');

describe('samples/cats, end to end', () => {
  describe('with CatsService overridden (as NestJS e2e tests do)', () => {
    const catsService = { findAll: () => of(['test']) };
    let moduleRef: TestingModule;
    let app: App;

    before(async () => {
      moduleRef = await Test.createTestingModule({ imports: [CatsModule] })
        .overrideProvider(CatsService)
        .useValue(catsService)
        .compile();
      app = moduleRef.createApp({ logger: false });
      await app.init();
    });

    after(() => moduleRef.close());

    it('GET /cats answers the overridden service, wrapped in { data } by the interceptor', async () => {
      const response = await app.inject('/cats');
      expect(response.statusCode).to.equal(200);
      expect(response.json()).to.deep.equal({ data: ['test'] });
    });
  });

  describe('as the samples app serves it', () => {
    const sample = createSampleApp({ logger: false });
    const post = (body: unknown, role?: string) =>
      sample.inject({
        method: 'POST',
        url: '/cats',
        payload: JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...(role ? { authorization: `Bearer ${role}` } : {}) },
      });

    it('GET /cats/1 converts the id with ParseIntPipe; /cats/abc is a 404', async () => {
      expect((await sample.inject('/cats/1')).json()).to.deep.equal({ data: { name: 'Tom', age: 3, breed: 'Tabby' } });
      expect((await sample.inject('/cats/abc')).statusCode).to.equal(404);
    });

    it('POST /cats needs the admin role (the configure() middleware sets the user, the guard reads @Roles)', async () => {
      const cat = { name: 'Kitty', age: 2, breed: 'Persian' };
      expect((await post(cat)).statusCode).to.equal(403);
      expect((await post(cat, 'reader')).statusCode).to.equal(403);
      const created = await post(cat, 'admin');
      expect(created.statusCode).to.equal(201);
      expect(created.json()).to.deep.equal({ data: cat });
    });

    it("POST /cats validates the body with ValidationPipe's forbidNonWhitelisted", async () => {
      const response = await post({ name: 'Kitty', age: 2, breed: 'Persian', owner: 'me' }, 'admin');
      expect(response.statusCode).to.equal(422);
      expect(response.json()).to.deep.equal([
        { loc: ['owner'], msg: 'property owner should not exist', type: 'whitelistValidation', in: 'body' },
      ]);
    });
  });
});
