// app.describe() and PluginContext.describe()/onReady: the read-only view of what an app compiled, for plugins.
import {
  All,
  Body,
  type CanActivate,
  Catch,
  Controller,
  Cookie,
  CorbelError,
  type CorbelPlugin,
  type CorbelRequest,
  createApp,
  type ExceptionFilter,
  Get,
  Headers,
  HTTPNotFound,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Returns,
  Sse,
  Throws,
  UploadedFile,
  UploadedFiles,
  UseFilters,
  UseGuards,
} from '@corbel/core';
import { expect } from 'chai';
import { IsString } from 'class-validator';

class CreateNoteDto {
  @IsString() text!: string;
}

class NoteDto {
  @IsString() id!: string;
}

class ConflictError extends Error {}

@Catch(404)
class NoteNotFoundFilter implements ExceptionFilter {
  catch() {
    return { missing: true };
  }
}

const allow: CanActivate = { canActivate: () => true };

@Controller('/notes')
class NotesController {
  @Get('/:id')
  @Returns(NoteDto)
  @Throws(HTTPNotFound, 'No such note')
  @Throws(409)
  @UseFilters(NoteNotFoundFilter)
  findOne(
    @Param('id', { description: 'The note id', example: 7 }) id: number,
    @Query('fields', { required: true }) fields: string[],
    @Headers('X-Trace', { default: 'none' }) trace: string,
    @Cookie('sid') sid?: string,
  ) {
    return { id, fields, trace, sid };
  }

  @Post()
  @UseGuards(allow)
  create(@Body() dto: CreateNoteDto) {
    return dto;
  }

  @Post('/archive')
  @HttpCode(204)
  archive(@Req() _request: CorbelRequest) {}

  @All('/any')
  any() {
    return 'any';
  }
}

describe('app.describe()', () => {
  const app = createApp({ logger: false, controllers: [NotesController], validation: { forbidNonWhitelisted: true } });
  const routes = app.describe().routes;
  const route = (handler: string) => {
    const found = routes.find((candidate) => candidate.handler === handler);
    if (!found) throw new Error(`no route for ${handler}`);
    return found;
  };

  it('lists each controller route with its final method and path, controller and handler, in order', () => {
    expect(routes.map(({ method, path, controller, handler }) => [method, path, controller, handler])).to.deep.equal([
      ['GET', '/notes/:id', NotesController, 'findOne'],
      ['POST', '/notes', NotesController, 'create'],
      ['POST', '/notes/archive', NotesController, 'archive'],
      ['ALL', '/notes/any', NotesController, 'any'],
    ]);
  });

  it('gives the success status the route answers with: 200, 201 for POST, @HttpCode', () => {
    expect(route('findOne').status).to.equal(200);
    expect(route('create').status).to.equal(201);
    expect(route('archive')).to.include({ status: 204, declaredStatus: 204 });
    expect(route('findOne').declaredStatus).to.equal(undefined);
  });

  it('describes every bound parameter: source, name, declared type, required, default, description, example', () => {
    const [id, fields, trace, sid] = route('findOne').parameters;
    expect(id).to.deep.include({ index: 0, source: 'path', name: 'id', type: Number, required: false });
    expect(id).to.deep.include({ description: 'The note id', example: 7 });
    expect(fields).to.deep.include({ source: 'query', name: 'fields', type: Array, required: true, hasDefault: false });
    expect(trace).to.deep.include({ source: 'header', name: 'x-trace', type: String, hasDefault: true });
    expect(trace.defaultValue).to.equal('none');
    expect(sid).to.deep.include({ source: 'cookie', name: 'sid', type: String, description: undefined });
    expect(route('create').parameters).to.deep.equal([
      {
        index: 0,
        source: 'body',
        name: undefined,
        type: CreateNoteDto,
        required: false,
        hasDefault: false,
        defaultValue: undefined,
        description: undefined,
        example: undefined,
      },
    ]);
  });

  it('says which routes read a body (@Body or @Req) and which are guarded', () => {
    expect(routes.map((each) => [each.handler, each.readsBody, each.hasGuards])).to.deep.equal([
      ['findOne', false, false],
      ['create', true, true],
      ['archive', true, false],
      ['any', false, false],
    ]);
  });

  it("counts the app's global guards as guarding every route", () => {
    const guarded = createApp({ logger: false, controllers: [NotesController], guards: [allow] });
    expect(guarded.describe().routes.every((each) => each.hasGuards)).to.equal(true);
  });

  it('carries the @Returns and @Throws declarations in the order they are written', () => {
    expect(route('findOne').returns).to.deep.equal([{ type: NoteDto, status: undefined, description: undefined }]);
    expect(route('findOne').throws).to.deep.equal([
      { error: HTTPNotFound, description: 'No such note' },
      { error: 409, description: undefined },
    ]);
    expect(route('create').throws).to.deep.equal([]);
  });

  it("gives each route's filter table: resolve() finds the filter that answers at run time", async () => {
    expect(route('findOne').filters.resolve(new HTTPNotFound()).name).to.equal('NoteNotFoundFilter');
    expect(route('create').filters.resolve(new HTTPNotFound()).scope).to.equal('default');
    expect(route('findOne').filters.resolve(new ConflictError()).name).to.equal('InternalErrorFilter');
    const answered = await app.inject('/notes/abc?fields=a');
    expect(answered.json()).to.deep.equal({ missing: true });
  });

  it('gives the validation options DTOs are checked with, the defaults applied', () => {
    const { validation } = app.describe();
    expect(validation).to.include({ whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    expect(createApp({ logger: false }).describe().validation.forbidNonWhitelisted).to.equal(undefined);
  });

  it('is built once and cannot be changed by whoever reads it', () => {
    const description = app.describe();
    expect(app.describe()).to.equal(description);
    expect(Object.isFrozen(description.routes)).to.equal(true);
    expect(Object.isFrozen(description.routes[0])).to.equal(true);
    expect(Object.isFrozen(description.routes[0].parameters[0])).to.equal(true);
    expect(Object.isFrozen(description.validation)).to.equal(true);
  });
});

@Controller('/media')
class MediaController {
  @Post('/avatar')
  avatar(
    @Body('caption') caption: string,
    @UploadedFile('avatar', { maxSize: 2048, mimeTypes: ['image/png', 'image/*'] }) avatar: UploadedFile,
  ) {
    return { caption, size: avatar.size };
  }

  @Post('/album')
  album(
    @UploadedFiles('photos', { maxCount: 4, required: true }) photos: UploadedFile[],
    @UploadedFile('cover', { required: false }) cover: UploadedFile | undefined,
    @UploadedFiles() everything: UploadedFile[],
  ) {
    return { photos: photos.length, cover: cover !== undefined, everything: everything.length };
  }

  @Sse('/feed')
  feed() {
    return ['hello'];
  }
}

describe('app.describe() of upload and event-stream routes', () => {
  const app = createApp({ logger: false, controllers: [MediaController, NotesController] });
  const route = (handler: string) => {
    const found = app.describe().routes.find((candidate) => candidate.handler === handler);
    if (!found) throw new Error(`no route for ${handler}`);
    return found;
  };

  it('describes each upload parameter as the upload plan checked it: kind, field, required, limits and types', () => {
    expect(route('avatar').uploads).to.deep.equal([
      {
        index: 1,
        kind: 'file',
        field: 'avatar',
        required: true,
        maxSize: 2048,
        mimeTypes: ['image/png', 'image/*'],
        maxCount: undefined,
      },
    ]);
    expect(route('album').uploads).to.deep.equal([
      {
        index: 0,
        kind: 'files',
        field: 'photos',
        required: true,
        maxSize: undefined,
        mimeTypes: undefined,
        maxCount: 4,
      },
      {
        index: 1,
        kind: 'file',
        field: 'cover',
        required: false,
        maxSize: undefined,
        mimeTypes: undefined,
        maxCount: undefined,
      },
      // @UploadedFiles() takes every file of the body, and is optional unless told otherwise.
      {
        index: 2,
        kind: 'files',
        field: undefined,
        required: false,
        maxSize: undefined,
        mimeTypes: undefined,
        maxCount: undefined,
      },
    ]);
    // The text fields stay ordinary body parameters; upload parameters are not listed among them.
    expect(route('avatar').parameters.map(({ index, source, name }) => ({ index, source, name }))).to.deep.equal([
      { index: 0, source: 'body', name: 'caption' },
    ]);
    expect(route('album').parameters).to.deep.equal([]);
  });

  it('says that an upload route reads a body, and that routes without files have no upload parameters', () => {
    expect(route('album').readsBody).to.equal(true);
    expect(route('create').uploads).to.deep.equal([]);
    expect(route('feed').uploads).to.deep.equal([]);
  });

  it('marks @Sse routes as event streams, GETs answering 200, and no other route', () => {
    expect(route('feed')).to.include({ method: 'GET', path: '/media/feed', status: 200, isEventStream: true });
    expect(['avatar', 'album', 'findOne', 'create'].map((handler) => route(handler).isEventStream)).to.deep.equal([
      false,
      false,
      false,
      false,
    ]);
  });

  it('cannot be changed by whoever reads it: the upload descriptions and their type lists are frozen', () => {
    const [avatar] = route('avatar').uploads;
    expect(Object.isFrozen(route('avatar').uploads)).to.equal(true);
    expect(Object.isFrozen(avatar)).to.equal(true);
    expect(Object.isFrozen(avatar.mimeTypes)).to.equal(true);
  });
});

describe('PluginContext.describe() and onReady', () => {
  it('runs ready hooks once every plugin is set up, so a plugin can read one listed after it', () => {
    const published = new WeakMap<CorbelPlugin, string>();
    const order: string[] = [];
    let seen: string | undefined;
    const reader: CorbelPlugin = {
      name: 'reader',
      setup(context) {
        order.push('reader setup');
        context.onReady(() => {
          order.push('reader ready');
          const [, writer] = context.describe().plugins;
          seen = published.get(writer);
        });
      },
    };
    const writer: CorbelPlugin = {
      name: 'writer',
      setup() {
        order.push('writer setup');
        published.set(writer, 'gateways');
      },
    };
    const app = createApp({ logger: false, controllers: [NotesController], plugins: [reader, writer] });
    expect(order).to.deep.equal(['reader setup', 'writer setup', 'reader ready']);
    expect(seen).to.equal('gateways');
    expect(app.describe().plugins).to.deep.equal([reader, writer]);
  });

  it('gives plugins the same description as app.describe()', () => {
    let fromContext: unknown;
    const app = createApp({
      logger: false,
      controllers: [NotesController],
      plugins: [{ name: 'reader', setup: (context) => context.onReady(() => (fromContext = context.describe())) }],
    });
    expect(fromContext).to.equal(app.describe());
  });

  it('makes what a ready hook throws a start-up error of createApp', () => {
    const failing: CorbelPlugin = {
      name: 'docs',
      setup: (context) =>
        context.onReady(() => {
          throw new CorbelError('CORBEL_ERR_INVALID_DOC', 'cannot document this');
        }),
    };
    expect(() => createApp({ logger: false, plugins: [failing] }))
      .to.throw(CorbelError, 'cannot document this')
      .with.property('code', 'CORBEL_ERR_INVALID_DOC');
  });
});
