// @Returns: the success answer is reduced to the DTO's declared properties, through real requests.
import { Readable } from 'node:stream';
import {
  type App,
  type CallNext,
  Controller,
  createApp,
  type ExecutionContext,
  Get,
  HttpCode,
  type Interceptor,
  json,
  Param,
  Post,
  Returns,
  SerializeOptions,
  UseInterceptors,
} from '@corbel/core';
import { expect } from 'chai';
import { Exclude, Expose, Transform, Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { send } from '../support/http-client';
import { RecordingLogger } from '../support/recording-logger';

class AddressDto {
  @IsString()
  city!: string;
}

class TagDto {
  @IsString()
  label!: string;
}

class UserDto {
  @IsInt()
  id!: number;

  @IsString()
  name!: string;

  @IsOptional()
  @IsDate()
  joined?: Date;

  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @ValidateNested({ each: true })
  @Type(() => TagDto)
  tags!: TagDto[];

  @Expose({ name: 'display_name' })
  get display(): string {
    return `${(this as unknown as { name: string }).name}!`;
  }
}

class AdminUserDto extends UserDto {
  @Expose({ groups: ['admin'] })
  @IsString()
  email!: string;

  @Exclude()
  @IsString()
  password!: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsString()
  role!: string;
}

class TreeDto {
  @IsString()
  name!: string;

  @ValidateNested({ each: true })
  @Type(() => TreeDto)
  children!: TreeDto[];
}

class CreatedDto {
  @IsInt()
  id!: number;
}

class ConflictDto {
  @IsString()
  reason!: string;
}

/** What a data layer hands back: more than the API promises. */
function storedUser() {
  return {
    id: 7,
    name: 'Ada',
    password: 'hunter2',
    internalScore: 0.93,
    joined: new Date(Date.UTC(1843, 0, 1)),
    address: { city: 'London', doorCode: '4321' },
    tags: [{ label: 'math', weight: 3 }, { label: 'poetry' }],
    email: 'ada@example.com',
    role: 'countess',
  };
}

/** An entity class: the DTO, not the entity's own rules, decides what a @Returns route sends. */
class UserRecord {
  id = 8;
  name = 'Grace';
  secret = 'cobol';
  address = { city: 'Arlington', doorCode: '1' };
  tags = [];
}

const wrapInEnvelope: Interceptor = {
  async intercept(_context: ExecutionContext, next: CallNext) {
    const result = (await next()) as Record<string, unknown>;
    return { ...result, name: `${result.name} (intercepted)`, addedByInterceptor: true };
  },
};

@Controller('/users')
class UsersController {
  @Get('/one')
  @Returns(UserDto)
  one() {
    return storedUser();
  }

  @Get('/list')
  @Returns([UserDto])
  list() {
    return [storedUser(), new UserRecord()];
  }

  @Get('/record')
  @Returns(UserDto)
  async record() {
    return new UserRecord();
  }

  @Get('/admin')
  @Returns(AdminUserDto)
  admin() {
    return storedUser();
  }

  @Get('/admin-group')
  @Returns(AdminUserDto)
  @SerializeOptions({ groups: ['admin'] })
  adminGroup() {
    return storedUser();
  }

  @Post()
  @Returns(CreatedDto, { status: 201, description: 'Created' })
  @Returns(ConflictDto, { status: 409, description: 'Already there' })
  create() {
    return { id: 1, token: 'not for you' };
  }

  @Post('/conflict')
  @Returns(CreatedDto, { status: 201 })
  @Returns(ConflictDto, { status: 409 })
  conflict() {
    // A ResponseValue says exactly what is sent: declared types do not touch it.
    return json({ reason: 'taken', hint: 'try another' }, 409);
  }

  @Post('/accepted')
  @HttpCode(202)
  @Returns(ConflictDto, { status: 201 })
  @Returns(CreatedDto, { status: 202 })
  accepted() {
    return { id: 2, reason: 'queued' };
  }

  @Get('/text')
  @Returns(UserDto)
  text() {
    return 'a string is still text/plain';
  }

  @Get('/stream')
  @Returns(UserDto)
  stream() {
    return Readable.from(['streamed']);
  }

  @Get('/empty')
  @Returns(UserDto)
  empty() {
    return undefined;
  }

  @Get('/throwing')
  @Returns(UserDto)
  throwing() {
    return Object.defineProperty({ id: 1 }, 'name', {
      enumerable: true,
      get() {
        throw new Error('database connection string: postgres://admin:hunter2@db');
      },
    });
  }

  @Get('/cycle-elsewhere')
  @Returns(UserDto)
  cycleElsewhere() {
    // A cycle through properties the DTO does not declare is never followed.
    const user: Record<string, unknown> = { id: 1, name: 'Ada', address: { city: 'x' }, tags: [] };
    (user.address as Record<string, unknown>).owner = user;
    user.self = user;
    return user;
  }

  @Get('/circular')
  @Returns(TreeDto)
  circular() {
    // A DTO that contains itself, answered with a cycle through its declared children.
    const root: Record<string, unknown> = { name: 'root', children: [] };
    (root.children as unknown[]).push(root);
    return root;
  }

  @Get('/intercepted')
  @Returns(UserDto)
  @UseInterceptors(wrapInEnvelope)
  intercepted() {
    return storedUser();
  }
}

const SHAPED_USER = {
  id: 7,
  name: 'Ada',
  joined: '1843-01-01T00:00:00.000Z',
  address: { city: 'London' },
  tags: [{ label: 'math' }, { label: 'poetry' }],
  display_name: 'Ada!',
};

describe('@Returns shaping', () => {
  let app: App;
  let url: string;
  const logger = new RecordingLogger();
  before(async () => {
    app = createApp({ controllers: [UsersController], logger });
    url = (await app.listen(0)).url;
  });
  after(() => app.close());

  async function answer(path: string, method = 'GET') {
    const { status, headers, body } = await send(url, { path, method });
    return { status, type: headers['content-type'], body };
  }

  it('drops every property the DTO does not declare, recursively through nested DTOs and arrays of them', async () => {
    const { status, type, body } = await answer('/users/one');
    expect(status).to.equal(200);
    expect(type).to.equal('application/json; charset=utf-8');
    expect(JSON.parse(body)).to.deep.equal(SHAPED_USER);
    expect(body).not.to.include('hunter2');
    expect(body).not.to.include('doorCode');
    expect(body).not.to.include('weight');
  });

  it('writes the properties in declaration order, the JSON a client of the DTO expects', async () => {
    expect((await answer('/users/one')).body).to.equal(JSON.stringify(SHAPED_USER));
  });

  it('shapes each item of a [Dto] answer, whatever class the items are', async () => {
    const { body } = await answer('/users/list');
    expect(JSON.parse(body)).to.deep.equal([
      SHAPED_USER,
      { id: 8, name: 'Grace', address: { city: 'Arlington' }, tags: [], display_name: 'Grace!' },
    ]);
  });

  it('shapes an instance of another class by the DTO, not by that class', async () => {
    const { body } = await answer('/users/record');
    expect(JSON.parse(body)).to.deep.equal({
      id: 8,
      name: 'Grace',
      address: { city: 'Arlington' },
      tags: [],
      display_name: 'Grace!',
    });
  });

  it("follows the DTO's class-transformer rules: @Exclude, @Expose groups, @Transform, inherited properties", async () => {
    expect(JSON.parse((await answer('/users/admin')).body)).to.deep.equal({ ...SHAPED_USER, role: 'COUNTESS' });
    expect(JSON.parse((await answer('/users/admin-group')).body)).to.deep.equal({
      ...SHAPED_USER,
      email: 'ada@example.com',
      role: 'COUNTESS',
    });
  });

  it('shapes a success answer by the declaration for its status (201 for POST), among several', async () => {
    const created = await answer('/users', 'POST');
    expect(created.status).to.equal(201);
    expect(created.body).to.equal('{"id":1}');
    const accepted = await answer('/users/accepted', 'POST');
    expect(accepted.status).to.equal(202);
    expect(accepted.body).to.equal('{"id":2}');
  });

  it('sends a json() value (any status) as it is', async () => {
    const conflict = await answer('/users/conflict', 'POST');
    expect(conflict.status).to.equal(409);
    expect(JSON.parse(conflict.body)).to.deep.equal({ reason: 'taken', hint: 'try another' });
  });

  it('leaves strings, streams and empty answers as they are', async () => {
    const text = await answer('/users/text');
    expect(text.type).to.equal('text/plain; charset=utf-8');
    expect(text.body).to.equal('a string is still text/plain');
    const stream = await answer('/users/stream');
    expect(stream.type).to.equal('application/octet-stream');
    expect(stream.body).to.equal('streamed');
    expect((await answer('/users/empty')).status).to.equal(204);
  });

  it('answers the plain 500 when reading the answer throws, and logs it; nothing of it reaches the client', async () => {
    const { status, body } = await answer('/users/throwing');
    expect(status).to.equal(500);
    expect(body).to.equal('{"detail":"Internal Server Error"}');
    expect(logger.errorsText()).to.include('postgres://admin:hunter2@db');
  });

  it('never follows a cycle through undeclared properties', async () => {
    const { status, body } = await answer('/users/cycle-elsewhere');
    expect(status).to.equal(200);
    expect(JSON.parse(body)).to.deep.equal({
      id: 1,
      name: 'Ada',
      address: { city: 'x' },
      tags: [],
      display_name: 'Ada!',
    });
  });

  it('survives an answer whose shaping recurses forever, with the plain 500, and keeps serving', async () => {
    expect((await answer('/users/circular')).status).to.equal(500);
    expect((await answer('/users/one')).status).to.equal(200);
  });

  it("shapes what the interceptors make of the handler's value, after them", async () => {
    const { body } = await answer('/users/intercepted');
    expect(JSON.parse(body)).to.deep.equal({
      ...SHAPED_USER,
      name: 'Ada (intercepted)',
      display_name: 'Ada (intercepted)!',
    });
  });
});

describe('@Returns of a scalar type', () => {
  it('documents a text answer without shaping it: @Returns(String) on a route that answers a string', async () => {
    @Controller('/greetings')
    class GreetingsController {
      @Get('/:name')
      @Returns(String, { description: 'A greeting' })
      greet(@Param('name') name: string) {
        return `Hello, ${name}!`;
      }
    }
    const app = createApp({ controllers: [GreetingsController], logger: false });
    const response = await app.inject('/greetings/ada');
    expect(response.statusCode).to.equal(200);
    expect(response.headers['content-type']).to.equal('text/plain; charset=utf-8');
    expect(response.body).to.equal('Hello, ada!');
  });
});
