// Upload routes are documented as multipart/form-data and @Sse routes as text/event-stream, as the server runs them.
import {
  Body,
  Catch,
  Controller,
  createApp,
  type ExceptionFilter,
  type HTTPException,
  Param,
  Post,
  Returns,
  Sse,
  UploadedFile,
  UploadedFiles,
  UseFilters,
} from '@corbel/core';
import { buildOpenApiDocument, type JsonSchema } from '@corbel/openapi';
import { expect } from 'chai';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { startupError } from '../support/startup-error';
import { PNG } from '../uploads/support/multipart';
import { openApiErrors, schemaValidator } from './support/validators';

const info = { title: 'Media', version: '1.0.0' };

class ProfileDto {
  @IsString() @Length(1, 40) name!: string;
  @IsOptional() @IsInt() @Min(0) age?: number;
}

class TooLargeBody {
  @IsString() error!: string;
  @IsString() limit!: string;
}

@Catch(413)
class TooLargeFilter implements ExceptionFilter<HTTPException> {
  @Returns(TooLargeBody, { status: 413, description: 'Too large, in our words' })
  catch(error: HTTPException) {
    return { error: 'too large', limit: error.message };
  }
}

@Controller('/profiles')
class ProfilesController {
  @Post()
  create(
    @UploadedFile('avatar', { maxSize: 1024, mimeTypes: ['image/png', 'image/*'] }) avatar: UploadedFile,
    @Body() profile: ProfileDto,
  ) {
    return { name: profile.name, age: profile.age ?? null, avatar: avatar.size };
  }

  @Post('/:id/photos')
  photos(
    @Param('id') id: number,
    @Body('caption', { description: 'Shown under the photos', required: true }) caption: string,
    @UploadedFiles('photos', { maxCount: 3, required: true, mimeTypes: ['image/png'] }) photos: UploadedFile[],
    @UploadedFile('cover', { required: false }) cover: UploadedFile | undefined,
  ) {
    return { id, caption, photos: photos.length, cover: cover?.fileName ?? null };
  }

  @Post('/attachments')
  @UseFilters(TooLargeFilter)
  attachments(@UploadedFiles({ maxCount: 2, maxSize: 16 }) files: UploadedFile[]) {
    return files.map((file) => file.fieldName);
  }
}

class TickDto {
  @IsInt() @Min(1) n!: number;
  @IsString() at!: string;
}

@Controller('/streams')
class StreamsController {
  @Sse('/words')
  words() {
    return ['one', 'two'];
  }

  @Sse('/ticks')
  @Returns(TickDto, { description: 'The clock' })
  async *ticks() {
    for (let n = 1; n <= 2; n++) yield { event: 'tick', id: String(n), data: { n, at: `00:0${n}` } };
  }
}

const EVENT_FORMAT =
  'A stream of Server-Sent Events (`text/event-stream; charset=utf-8`), for `EventSource`. Each event is its ' +
  '`event:`, `id:` and `retry:` fields when the handler gives them, then its data: a string as `data:` lines, any ' +
  'other value as one `data:` line of JSON. A `: ping` comment is sent while the stream is quiet. A client that ' +
  'reconnects sends the last `id` it received as `Last-Event-ID`. An error after the first event cannot change the ' +
  'status: a last `event: error` carries the body the filters give it (`{"detail":"Internal Server Error"}` by ' +
  'default), and the stream ends.';

const binary = { type: 'string', format: 'binary' };
const httpError = { 'application/json': { schema: { $ref: '#/components/schemas/HTTPError' } } };
const validationErrors = {
  'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/ValidationErrorEntry' } } },
};

describe('OpenAPI: upload routes and event streams', () => {
  const app = createApp({ logger: false, controllers: [ProfilesController, StreamsController] });
  const document = buildOpenApiDocument(app, { info });
  const operation = (path: string, method: 'get' | 'post') => {
    const found = document.paths[path]?.[method];
    if (!found) throw new Error(`no ${method} ${path} in the document`);
    return found;
  };

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(await openApiErrors(document)).to.deep.equal([]);
  });

  describe('upload routes', () => {
    it("documents @UploadedFile with a @Body() DTO as one multipart/form-data object: the DTO's fields and the file", () => {
      expect(operation('/profiles', 'post').requestBody).to.deep.equal({
        required: true,
        content: {
          // Only multipart: the route answers JSON or a urlencoded form with a 415.
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: {
                avatar: {
                  ...binary,
                  description:
                    'One file: at most 1024 bytes; image/png or image/*, checked against the declared type and, ' +
                    'for images and PDFs, the content.',
                },
                name: { type: 'string', minLength: 1, maxLength: 40 },
                // A form's values are text, converted for the DTO: never null, even where the DTO allows it.
                age: { type: 'integer', minimum: 0 },
              },
              required: ['avatar', 'name'],
            },
            encoding: { avatar: { contentType: 'image/png, image/*' } },
          },
        },
      });
    });

    it("documents @UploadedFiles(field) as an array of binary parts, maxItems from maxCount, beside @Body('field') and an optional file", () => {
      const photos = operation('/profiles/{id}/photos', 'post');
      expect(photos.requestBody).to.deep.equal({
        required: true,
        description: 'Shown under the photos',
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: {
                caption: { type: 'string', description: 'Shown under the photos' },
                photos: {
                  type: 'array',
                  items: binary,
                  maxItems: 3,
                  description:
                    'Files: image/png, checked against the declared type and, for images and PDFs, the content.',
                },
                cover: binary,
              },
              required: ['caption', 'photos'],
            },
            encoding: { photos: { contentType: 'image/png' } },
          },
        },
      });
      expect(photos.parameters).to.deep.equal([{ name: 'id', in: 'path', required: true, schema: { type: 'number' } }]);
    });

    it('documents @UploadedFiles() without a field as files in any field (additionalProperties), its limits in words', () => {
      expect(operation('/profiles/attachments', 'post').requestBody).to.deep.equal({
        required: false,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              properties: {},
              additionalProperties: {
                type: 'array',
                items: binary,
                description:
                  'Files in any field (the handler receives every file of the body, those of the fields above ' +
                  'included); at most 2 files in all; at most 16 bytes each.',
              },
            },
          },
        },
      });
    });

    it('lists the 400, 413, 415 and 422 an upload route can answer, with the bodies its filter table sends', () => {
      expect(operation('/profiles', 'post').responses).to.deep.include({
        '400': {
          description:
            'The multipart body is malformed, or a file comes in a field no parameter takes (or twice for one @UploadedFile)',
          content: httpError,
        },
        '413': {
          description:
            'A file is over its maxSize or uploads.fileSize, or there are more files, fields or parts than a limit allows',
          content: httpError,
        },
        '415': { description: 'The body is not multipart/form-data', content: httpError },
        '422': {
          description:
            "Validation failed (body: a required file is missing, a file's type is refused (file_type), a form field does not validate)",
          content: validationErrors,
        },
      });
      const attachments = operation('/profiles/attachments', 'post').responses;
      // Nothing there can be missing or refused by type: no 422.
      expect(Object.keys(attachments)).to.deep.equal(['201', '400', '404', '413', '415', '500']);
      expect(attachments['413']).to.deep.equal({
        description: 'Too large, in our words',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/TooLargeBody' } } },
      });
    });

    it('sends what it documents: 413, 415 and the 422 for a missing file or a refused type match their schemas', async () => {
      const served = createApp({ logger: false, controllers: [ProfilesController] });
      const { url } = await served.listen(0);
      try {
        const check = async (path: string, init: RequestInit, status: number) => {
          const response = await fetch(`${url}${path}`, { method: 'POST', ...init });
          const body = await response.json();
          expect(response.status, JSON.stringify(body)).to.equal(status);
          const documented = document.paths[path]?.post?.responses[String(status)];
          const schema = documented?.content?.['application/json'].schema;
          expect(schemaValidator(document.components.schemas, schema)(body), JSON.stringify(body)).to.equal(true);
          return body;
        };
        const form = (fill: (form: FormData) => void) => {
          const data = new FormData();
          fill(data);
          return { body: data };
        };

        const big = form((data) =>
          data.append('avatar', new Blob([Buffer.alloc(1025)], { type: 'image/png' }), 'a.png'),
        );
        await check('/profiles', big, 413);
        const missing = await check(
          '/profiles',
          form((data) => data.append('name', 'Ada')),
          422,
        );
        expect(missing).to.deep.equal([{ loc: ['avatar'], msg: 'Field required', type: 'missing', in: 'body' }]);
        const disguised = form((data) => {
          data.append('name', 'Ada');
          data.append('avatar', new Blob(['<html>'], { type: 'image/png' }), 'a.png');
        });
        const refused = (await check('/profiles', disguised, 422)) as { loc: unknown; type: string }[];
        expect(refused.map(({ loc, type }) => ({ loc, type }))).to.deep.equal([{ loc: ['avatar'], type: 'file_type' }]);
        const json = { headers: { 'content-type': 'application/json' }, body: '{"name":"Ada"}' };
        await check('/profiles', json, 415);
        const three = form((data) => {
          for (const field of ['a', 'b', 'c']) data.append(field, new Blob(['x']), `${field}.txt`);
        });
        expect(await check('/profiles/attachments', three, 413)).to.have.property('error', 'too large');
        const accepted = form((data) => {
          data.append('name', 'Ada');
          data.append('age', '36');
          data.append('avatar', new Blob([PNG], { type: 'image/png' }), 'ada.png');
        });
        const created = await fetch(`${url}/profiles`, { method: 'POST', ...accepted });
        expect(created.status).to.equal(201);
        expect(await created.json()).to.deep.equal({ name: 'Ada', age: 36, avatar: PNG.length });
      } finally {
        await served.close();
      }
    });

    it('closes the form (additionalProperties: false) when the validation refuses fields the DTO does not declare', async () => {
      const strict = createApp({
        logger: false,
        controllers: [ProfilesController],
        validation: { whitelist: true, forbidNonWhitelisted: true },
      });
      const paths = buildOpenApiDocument(strict, { info }).paths;
      const schemaOf = (path: string) => paths[path]?.post?.requestBody?.content['multipart/form-data'].schema;
      expect(schemaOf('/profiles')).to.have.property('additionalProperties', false);
      // Named @Body('field') values are not a DTO: another text field is not refused there.
      expect(schemaOf('/profiles/{id}/photos')).to.not.have.property('additionalProperties');
      const extra = new FormData();
      extra.append('name', 'Ada');
      extra.append('nickname', 'Countess');
      extra.append('avatar', new Blob([PNG], { type: 'image/png' }), 'ada.png');
      const { url } = await strict.listen(0);
      try {
        const response = await fetch(`${url}/profiles`, { method: 'POST', body: extra });
        expect(response.status).to.equal(422);
      } finally {
        await strict.close();
      }
    });
  });

  describe('event streams', () => {
    it('documents an @Sse route as a GET answering text/event-stream, its event format in the description', () => {
      expect(Object.keys(document.paths['/streams/words'] ?? {})).to.deep.equal(['get']);
      const words = operation('/streams/words', 'get');
      expect(words).to.not.have.property('requestBody');
      expect(words.responses['200']).to.deep.equal({
        description: EVENT_FORMAT,
        // The body is not JSON, and without @Returns nothing is known of the events' data: no schema.
        content: { 'text/event-stream': {} },
      });
      expect(Object.keys(words.responses)).to.deep.equal(['200', '404', '500']);
    });

    it('documents @Returns(EventDto) on an @Sse route as the schema of one event whose data is a JSON text of it', async () => {
      const tick: JsonSchema | undefined = operation('/streams/ticks', 'get').responses['200'].content?.[
        'text/event-stream'
      ].schema;
      expect(operation('/streams/ticks', 'get').responses['200'].description).to.equal(`The clock. ${EVENT_FORMAT}`);
      expect(tick).to.deep.equal({
        type: 'object',
        description: 'One event of the stream (the body is a sequence of them).',
        properties: {
          event: { type: 'string', description: 'The event name (`addEventListener(name, …)`); `message` without it.' },
          id: { type: 'string', description: 'Sent back as `Last-Event-ID` when the client reconnects.' },
          retry: { type: 'integer', minimum: 0, description: 'The reconnection delay, in milliseconds.' },
          data: {
            type: 'string',
            contentMediaType: 'application/json',
            contentSchema: { $ref: '#/components/schemas/TickDto' },
          },
        },
        required: ['data'],
      });
      // What the stream really sends: each event's data, parsed, is a TickDto.
      const validate = schemaValidator(document.components.schemas, tick?.properties?.data.contentSchema);
      const stream = await app.inject('/streams/ticks');
      expect(stream.headers['content-type']).to.equal('text/event-stream; charset=utf-8');
      const data = stream.body
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => JSON.parse(line.slice('data: '.length)));
      expect(data).to.have.length(2);
      for (const value of data) expect(validate(value), JSON.stringify(value)).to.equal(true);
    });

    it('refuses @Returns with another status on an @Sse route when the document is built: a stream answers 200', () => {
      @Controller('/bad')
      class BadStreamController {
        @Sse()
        @Returns(TickDto, { status: 201 })
        ticks() {
          return [];
        }
      }
      const bad = createApp({ logger: false, controllers: [BadStreamController] });
      const error = startupError(() => buildOpenApiDocument(bad, { info }));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_DOC');
      expect(error.message).to.equal(
        '@Returns(…, { status: 201 }) on BadStreamController.ticks: an @Sse route always answers 200; leave the ' +
          "status out (the type is that of each event's data)",
      );
    });
  });
});
