// Filters' answers are serialized like routes' answers: class-transformer rules, and the filter's own @Returns.
import {
  type App,
  Catch,
  Controller,
  createApp,
  Get,
  HTTPException,
  HTTPNotFound,
  Returns,
  SerializeOptions,
  UseFilters,
} from '@corbel/core';
import { expect } from 'chai';
import { Exclude, Expose } from 'class-transformer';
import { IsInt, IsString } from 'class-validator';
import { send } from '../support/http-client';

class ProblemEntity {
  constructor(
    readonly title: string,
    readonly status: number,
  ) {}

  @Exclude()
  readonly stack = 'at Database.query (db.ts:42)';

  @Expose({ groups: ['debug'] })
  readonly query = 'SELECT * FROM users';
}

class ProblemDto {
  @IsString()
  title!: string;

  @IsInt()
  status!: number;
}

class NotFoundDto {
  @IsString()
  missing!: string;
}

class DatabaseError extends Error {}

@Catch(DatabaseError)
class DatabaseErrorFilter {
  catch(error: DatabaseError) {
    return new ProblemEntity(error.message, 500);
  }
}

@Catch(DatabaseError)
@SerializeOptions({ groups: ['debug'] })
class DebugDatabaseErrorFilter {
  catch(error: DatabaseError) {
    return new ProblemEntity(error.message, 500);
  }
}

@Catch(HTTPException)
class ShapedHttpFilter {
  @Returns(NotFoundDto, { status: 404 })
  @Returns(ProblemDto)
  catch(error: HTTPException) {
    return { title: error.detail, status: error.statusCode, missing: error.detail, internal: 'never sent' };
  }
}

@Controller('/things')
class ThingsController {
  @Get('/db')
  db() {
    throw new DatabaseError('connection lost');
  }

  @Get('/debug')
  @UseFilters(DebugDatabaseErrorFilter)
  debug() {
    throw new DatabaseError('connection lost');
  }

  @Get('/route-options')
  @SerializeOptions({ groups: ['debug'] })
  routeOptions() {
    throw new DatabaseError('connection lost');
  }

  @Get('/missing')
  missing() {
    throw new HTTPNotFound('thing 7');
  }

  @Get('/teapot')
  teapot() {
    throw new HTTPException(418, 'short and stout');
  }
}

describe("filters' answers", () => {
  let app: App;
  let url: string;
  before(async () => {
    app = createApp({
      controllers: [ThingsController],
      filters: [DatabaseErrorFilter, ShapedHttpFilter],
      logger: false,
    });
    url = (await app.listen(0)).url;
  });
  after(() => app.close());

  it('sends an error DTO instance a filter returns by its class-transformer rules (no @Exclude()d field)', async () => {
    const { status, body } = await send(url, { path: '/things/db' });
    expect(status).to.equal(500);
    expect(JSON.parse(body)).to.deep.equal({ title: 'connection lost', status: 500 });
  });

  it("uses the filter's own @SerializeOptions, not the route's", async () => {
    expect(JSON.parse((await send(url, { path: '/things/debug' })).body)).to.deep.equal({
      title: 'connection lost',
      status: 500,
      query: 'SELECT * FROM users',
    });
    expect(JSON.parse((await send(url, { path: '/things/route-options' })).body)).to.deep.equal({
      title: 'connection lost',
      status: 500,
    });
  });

  it("shapes a filter's answer by the @Returns on its catch for the answer's status, else its status-less one", async () => {
    const missing = await send(url, { path: '/things/missing' });
    expect(missing.status).to.equal(404);
    expect(missing.body).to.equal('{"missing":"thing 7"}');
    const teapot = await send(url, { path: '/things/teapot' });
    expect(teapot.status).to.equal(418);
    expect(teapot.body).to.equal('{"title":"short and stout","status":418}');
  });
});
