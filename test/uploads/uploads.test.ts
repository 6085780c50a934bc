// Uploads: @UploadedFile/@UploadedFiles bind files of multipart bodies, @Body validates their text fields.
import {
  Body,
  Controller,
  type CorbelRequest,
  createApp,
  type ExecutionContext,
  Post,
  Req,
  UploadedFile,
  UploadedFiles,
  UseGuards,
} from '@corbel/core';
import { expect } from 'chai';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { type Served, serve } from '../hostile/support/fixtures';
import { send } from '../support/http-client';
import { MULTIPART_TYPE, multipart, PDF, PNG } from './support/multipart';

class ProfileDto {
  @IsString()
  name!: string;

  @IsInt()
  @Min(0)
  age!: number;

  @IsOptional()
  @IsString({ each: true })
  tags?: string[];
}

function describeFile(file: UploadedFile | undefined) {
  if (file === undefined) return null;
  const { fieldName, fileName, mimeType, encoding, size } = file;
  return { fieldName, fileName, mimeType, encoding, size, text: file.buffer?.toString('utf8') };
}

class TokenGuard {
  canActivate(context: ExecutionContext) {
    return context.request.headers['x-token'] === 'ok';
  }
}

@Controller('/files')
class FilesController {
  @Post('/avatar')
  avatar(
    @UploadedFile('avatar', { mimeTypes: ['image/png', 'image/jpeg'] }) avatar: UploadedFile,
    @Body() profile: ProfileDto,
  ) {
    return {
      avatar: { ...describeFile(avatar), text: undefined },
      profile,
      ageIsNumber: typeof profile.age === 'number',
    };
  }

  @Post('/note')
  note(@UploadedFile('note') note: UploadedFile) {
    return describeFile(note);
  }

  @Post('/optional')
  optional(@UploadedFile('doc', { required: false }) doc: UploadedFile | undefined) {
    return { doc: describeFile(doc) };
  }

  @Post('/album')
  album(@UploadedFiles('photos', { mimeTypes: ['image/*'] }) photos: UploadedFile[], @Body('title') title: string) {
    return { title, photos: photos.map((photo) => photo.fileName) };
  }

  @Post('/any')
  any(@UploadedFiles() files: UploadedFile[]) {
    return files.map(describeFile);
  }

  @Post('/required-any')
  requiredAny(@UploadedFiles({ required: true }) files: UploadedFile[]) {
    return { count: files.length };
  }

  @Post('/pdf')
  pdf(@UploadedFile('doc', { mimeTypes: ['application/pdf'] }) doc: UploadedFile) {
    return { size: doc.size };
  }

  @Post('/guarded')
  @UseGuards(TokenGuard)
  guarded(@UploadedFile('note') note: UploadedFile, @Req() request: CorbelRequest) {
    return { note: note.buffer?.toString(), fields: request.body };
  }

  @Post('/json')
  json(@Body() body: unknown) {
    return { body };
  }
}

describe('uploads', () => {
  let served: Served;

  before(async () => {
    served = await serve(createApp({ controllers: [FilesController], logger: false }));
  });
  after(() => served.app.close());

  function post(
    path: string,
    body: Buffer | string,
    headers: Record<string, string> = { 'content-type': MULTIPART_TYPE },
  ) {
    return send(served.url, { method: 'POST', path, headers, body });
  }

  describe('binding', () => {
    it("gives a file's field, name, declared type, encoding, size and bytes, with a FormData client", async () => {
      const form = new FormData();
      form.append('note', new Blob(['hello, world'], { type: 'text/plain' }), 'greeting.txt');
      const response = await fetch(`${served.url}/files/note`, { method: 'POST', body: form });
      expect(response.status).to.equal(201);
      expect(await response.json()).to.deep.equal({
        fieldName: 'note',
        fileName: 'greeting.txt',
        mimeType: 'text/plain',
        encoding: '7bit',
        size: 12,
        text: 'hello, world',
      });
    });

    it('validates the text fields with the DTO, converting strings as for a urlencoded form', async () => {
      const form = new FormData();
      form.append('name', 'Ada');
      form.append('age', '36');
      form.append('tags', 'math');
      form.append('tags', 'engines');
      form.append('avatar', new Blob([PNG], { type: 'image/png' }), 'ada.png');
      const response = await fetch(`${served.url}/files/avatar`, { method: 'POST', body: form });
      expect(response.status).to.equal(201);
      expect(await response.json()).to.deep.equal({
        avatar: { fieldName: 'avatar', fileName: 'ada.png', mimeType: 'image/png', encoding: '7bit', size: PNG.length },
        profile: { name: 'Ada', age: 36, tags: ['math', 'engines'] },
        ageIsNumber: true,
      });
    });

    it('@UploadedFiles(field) gives the files of one field in the order sent; @UploadedFiles() gives every file', async () => {
      const album = await post(
        '/files/album',
        multipart([
          { name: 'photos', fileName: 'one.png', type: 'image/png', value: PNG },
          { name: 'title', value: 'Summer' },
          { name: 'photos', fileName: 'two.png', type: 'image/png', value: PNG },
        ]),
      );
      expect(album.status).to.equal(201);
      expect(JSON.parse(album.body)).to.deep.equal({ title: 'Summer', photos: ['one.png', 'two.png'] });

      const every = await post(
        '/files/any',
        multipart([
          { name: 'a', fileName: 'a.txt', type: 'text/plain', value: 'A' },
          { name: 'b', fileName: 'b.bin', type: 'application/octet-stream', value: 'BB' },
        ]),
      );
      expect(
        JSON.parse(every.body).map((file: { fieldName: string; size: number }) => [file.fieldName, file.size]),
      ).to.deep.equal([
        ['a', 1],
        ['b', 2],
      ]);
    });

    it('works behind a guard (through the pipeline), and @Req() sees the text fields as the body', async () => {
      const body = multipart([
        { name: 'title', value: 'memo' },
        { name: 'note', fileName: 'n.txt', type: 'text/plain', value: 'remember' },
      ]);
      const refused = await post('/files/guarded', body);
      expect(refused.status).to.equal(403);
      const allowed = await send(served.url, {
        method: 'POST',
        path: '/files/guarded',
        headers: { 'content-type': MULTIPART_TYPE, 'x-token': 'ok' },
        body,
      });
      expect(allowed.status).to.equal(201);
      expect(JSON.parse(allowed.body)).to.deep.equal({ note: 'remember', fields: { title: 'memo' } });
    });
  });

  describe('missing files and invalid fields', () => {
    it('a missing required file is a 422 missing entry in the body', async () => {
      const response = await post('/files/note', multipart([{ name: 'other', value: 'x' }]));
      expect(response.status).to.equal(422);
      expect(JSON.parse(response.body)).to.deep.equal([
        { loc: ['note'], msg: 'Field required', type: 'missing', in: 'body' },
      ]);
    });

    it('an upload route given no body at all reports the missing file the same way', async () => {
      const response = await send(served.url, { method: 'POST', path: '/files/note' });
      expect(response.status).to.equal(422);
      expect(JSON.parse(response.body)).to.deep.equal([
        { loc: ['note'], msg: 'Field required', type: 'missing', in: 'body' },
      ]);
    });

    it('an optional file is undefined when absent; @UploadedFiles({ required: true }) needs one file at least', async () => {
      const optional = await post('/files/optional', multipart([{ name: 'x', value: '1' }]));
      expect(JSON.parse(optional.body)).to.deep.equal({ doc: null });
      const none = await post('/files/required-any', multipart([{ name: 'x', value: '1' }]));
      expect(none.status).to.equal(422);
      expect(JSON.parse(none.body)).to.deep.equal([{ loc: [], msg: 'Field required', type: 'missing', in: 'body' }]);
    });

    it('reports an invalid text field and a missing file in one 422', async () => {
      const response = await post(
        '/files/avatar',
        multipart([
          { name: 'name', value: 'Ada' },
          { name: 'age', value: 'old' },
        ]),
      );
      expect(response.status).to.equal(422);
      expect(JSON.parse(response.body)).to.have.deep.members([
        { loc: ['age'], msg: 'age must be an integer number', type: 'isInt', in: 'body' },
        { loc: ['age'], msg: 'age must not be less than 0', type: 'min', in: 'body' },
        { loc: ['avatar'], msg: 'Field required', type: 'missing', in: 'body' },
      ]);
    });
  });

  describe('file types', () => {
    const profile = [
      { name: 'name', value: 'Ada' },
      { name: 'age', value: '36' },
    ];

    it('accepts a real PNG declared as image/png, and any image for image/*', async () => {
      const png = await post(
        '/files/avatar',
        multipart([...profile, { name: 'avatar', fileName: 'a.png', type: 'image/png', value: PNG }]),
      );
      expect(png.status).to.equal(201);
      const album = await post(
        '/files/album',
        multipart([{ name: 'photos', fileName: 'a.png', type: 'image/png', value: PNG }]),
      );
      expect(album.status).to.equal(201);
    });

    it('refuses a declared type the parameter does not list: 422 file_type', async () => {
      const response = await post(
        '/files/avatar',
        multipart([...profile, { name: 'avatar', fileName: 'a.gif', type: 'image/gif', value: 'GIF89a' }]),
      );
      expect(response.status).to.equal(422);
      expect(JSON.parse(response.body)).to.deep.equal([
        {
          loc: ['avatar'],
          msg: "File type 'image/gif' is not allowed; expected image/png or image/jpeg",
          type: 'file_type',
          in: 'body',
        },
      ]);
    });

    it('refuses an HTML page sent as image/png: its leading bytes show no image', async () => {
      const response = await post(
        '/files/avatar',
        multipart([
          ...profile,
          { name: 'avatar', fileName: 'cat.png', type: 'image/png', value: '<html><script>alert(1)</script></html>' },
        ]),
      );
      expect(response.status).to.equal(422);
      expect(JSON.parse(response.body)).to.deep.equal([
        {
          loc: ['avatar'],
          msg: 'The file is declared as image/png but its content could not be recognised; expected image/png or image/jpeg',
          type: 'file_type',
          in: 'body',
        },
      ]);
    });

    it('refuses a PDF sent as image/png, and a PNG sent as a PDF, naming what the content is', async () => {
      const disguisedPdf = await post(
        '/files/avatar',
        multipart([...profile, { name: 'avatar', fileName: 'a.png', type: 'image/png', value: PDF }]),
      );
      expect(JSON.parse(disguisedPdf.body)).to.deep.equal([
        {
          loc: ['avatar'],
          msg: "The file's content is application/pdf, which is not allowed; expected image/png or image/jpeg",
          type: 'file_type',
          in: 'body',
        },
      ]);
      const disguisedPng = await post(
        '/files/pdf',
        multipart([{ name: 'doc', fileName: 'a.pdf', type: 'application/pdf', value: PNG }]),
      );
      expect(disguisedPng.status).to.equal(422);
      expect(JSON.parse(disguisedPng.body)[0].msg).to.equal(
        "The file's content is image/png, which is not allowed; expected application/pdf",
      );
      const realPdf = await post(
        '/files/pdf',
        multipart([{ name: 'doc', fileName: 'a.pdf', type: 'application/pdf', value: PDF }]),
      );
      expect(realPdf.status).to.equal(201);
    });

    it('names the position of a refused file among several', async () => {
      const response = await post(
        '/files/album',
        multipart([
          { name: 'photos', fileName: 'ok.png', type: 'image/png', value: PNG },
          { name: 'photos', fileName: 'notes.txt', type: 'text/plain', value: 'not an image' },
        ]),
      );
      expect(response.status).to.equal(422);
      expect(JSON.parse(response.body)).to.deep.equal([
        {
          loc: ['photos', 1],
          msg: "File type 'text/plain' is not allowed; expected image/*",
          type: 'file_type',
          in: 'body',
        },
      ]);
    });
  });

  describe('hostile bodies', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      it(`answers 400 to a field or a file named ${name}, and Object.prototype stays clean`, async () => {
        const field = await post('/files/any', multipart([{ name, value: '{"admin":true}' }]));
        expect(field.status).to.equal(400);
        expect(JSON.parse(field.body)).to.deep.equal({
          detail: `Invalid multipart body: the field name '${name}' is not allowed`,
        });
        const file = await post('/files/any', multipart([{ name, fileName: 'x', type: 'text/plain', value: 'x' }]));
        expect(file.status).to.equal(400);
        expect(({} as Record<string, unknown>).admin).to.equal(undefined);
      });
    }

    it('answers 400 quoting the parser to a multipart type without a boundary', async () => {
      const response = await post('/files/any', multipart([{ name: 'a', value: '1' }]), {
        'content-type': 'multipart/form-data',
      });
      expect(response.status).to.equal(400);
      expect(JSON.parse(response.body)).to.deep.equal({
        detail: 'Invalid multipart body: Multipart: Boundary not found',
      });
    });

    it('answers 400 to a truncated body and to one that is not multipart at all', async () => {
      const truncated = await post(
        '/files/any',
        multipart([{ name: 'f', fileName: 'a', type: 'text/plain', value: 'abc' }], false),
      );
      expect(truncated.status).to.equal(400);
      expect(JSON.parse(truncated.body)).to.deep.equal({
        detail: 'Invalid multipart body: Unexpected end of multipart data',
      });
      const garbage = await post('/files/any', 'this is not a multipart body');
      expect(garbage.status).to.equal(400);
      expect(JSON.parse(garbage.body)).to.deep.equal({
        detail: 'Invalid multipart body: Unexpected end of multipart data',
      });
    });

    it('answers 400 to a part whose headers have no usable Content-Disposition, or no name', async () => {
      const noDisposition = await post(
        '/files/any',
        multipart([{ headers: ['Content-Type: text/plain'], value: 'x' }]),
      );
      expect(noDisposition.status).to.equal(400);
      expect(JSON.parse(noDisposition.body)).to.deep.equal({
        detail: 'Invalid multipart body: a part has no Content-Disposition: form-data header with a name',
      });
      const broken = await post(
        '/files/any',
        multipart([{ headers: ['Content-Disposition form-data name=x'], value: 'x' }]),
      );
      expect(broken.status).to.equal(400);
      const nameless = await post('/files/any', multipart([{ value: 'x' }]));
      expect(nameless.status).to.equal(400);
      expect(JSON.parse(nameless.body)).to.deep.equal({
        detail: 'Invalid multipart body: a part has no name in its Content-Disposition header',
      });
    });

    it('answers 400 to a file in a field no parameter takes, and to a second file for @UploadedFile', async () => {
      const unexpected = await post(
        '/files/note',
        multipart([{ name: 'script', fileName: 'x.sh', type: 'text/plain', value: 'rm' }]),
      );
      expect(unexpected.status).to.equal(400);
      expect(JSON.parse(unexpected.body)).to.deep.equal({
        detail: "Unexpected file in the field 'script': this route takes files in 'note'",
      });
      const twice = await post(
        '/files/note',
        multipart([
          { name: 'note', fileName: 'a', type: 'text/plain', value: 'a' },
          { name: 'note', fileName: 'b', type: 'text/plain', value: 'b' },
        ]),
      );
      expect(twice.status).to.equal(400);
      expect(JSON.parse(twice.body)).to.deep.equal({ detail: "Expected one file in the field 'note', got more" });
    });

    it('an upload route answers 415 to JSON; a route without upload parameters still answers 415 to multipart', async () => {
      const json = await post('/files/note', '{"note":"x"}', { 'content-type': 'application/json' });
      expect(json.status).to.equal(415);
      expect(JSON.parse(json.body)).to.deep.equal({
        detail: "This route takes multipart/form-data, got content-type 'application/json'",
      });
      const multipartOnJson = await post('/files/json', multipart([{ name: 'a', value: '1' }]));
      expect(multipartOnJson.status).to.equal(415);
      expect(JSON.parse(multipartOnJson.body).detail).to.equal(
        "Unsupported content-type 'multipart/form-data': expected application/json, application/x-www-form-urlencoded or text/plain",
      );
    });
  });
});
