// Upload misuse is refused by createApp with a coded error naming the parameter, never ignored.
import {
  Body,
  Controller,
  CorbelError,
  createApp,
  type ErrorCode,
  Post,
  UploadedFile,
  type UploadedFileOptions,
  UploadedFiles,
  type UploadSettings,
} from '@corbel/core';
import { expect } from 'chai';

function expectRefused(build: () => unknown, code: ErrorCode, ...parts: string[]): void {
  let thrown: unknown;
  try {
    build();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'createApp threw').to.be.instanceOf(CorbelError);
  expect((thrown as CorbelError).code).to.equal(code);
  for (const part of parts) expect((thrown as CorbelError).message).to.include(part);
}

function appWith(controller: new () => object, uploads?: UploadSettings) {
  return () => createApp({ controllers: [controller], logger: false, uploads });
}

describe('upload start-up errors', () => {
  it('refuses an option @UploadedFile does not know, naming the parameter', () => {
    @Controller()
    class TypoController {
      @Post('/a')
      a(@UploadedFile('avatar', { maxsize: 10 } as UploadedFileOptions) _avatar: UploadedFile) {}
    }
    expectRefused(
      appWith(TypoController),
      'CORBEL_ERR_INVALID_PARAMETER',
      "@UploadedFile('avatar') on TypoController.a (parameter #1): unknown option 'maxsize'",
    );
  });

  it('refuses maxCount on a single file, a maxSize over uploads.fileSize, and impossible sizes', () => {
    @Controller()
    class CountController {
      @Post('/a')
      a(@UploadedFile('avatar', { maxCount: 2 } as UploadedFileOptions) _avatar: UploadedFile) {}
    }
    expectRefused(appWith(CountController), 'CORBEL_ERR_INVALID_PARAMETER', "unknown option 'maxCount'");

    @Controller()
    class HugeController {
      @Post('/a')
      a(@UploadedFile('video', { maxSize: 20 * 1024 * 1024 }) _video: UploadedFile) {}
    }
    expectRefused(
      appWith(HugeController),
      'CORBEL_ERR_INVALID_PARAMETER',
      'maxSize 20971520 is over uploads.fileSize (10485760)',
    );

    @Controller()
    class ZeroController {
      @Post('/a')
      a(@UploadedFiles('photos', { maxCount: 0 }) _photos: UploadedFile[]) {}
    }
    expectRefused(
      appWith(ZeroController),
      'CORBEL_ERR_INVALID_PARAMETER',
      '(maxCount): expected a whole number from 1 up, got 0',
    );
  });

  it('refuses mimeTypes that are not lower-case type/subtype or type/* patterns', () => {
    for (const mimeTypes of [[], ['png'], ['Image/PNG'], ['*/*']]) {
      @Controller()
      class TypesController {
        @Post('/a')
        a(@UploadedFile('avatar', { mimeTypes }) _avatar: UploadedFile) {}
      }
      expectRefused(appWith(TypesController), 'CORBEL_ERR_INVALID_PARAMETER', 'mimeTypes must be a non-empty array');
    }
  });

  it('refuses two parameters for the same files, a forbidden field name, and an upload decorator beside another', () => {
    @Controller()
    class TwiceController {
      @Post('/a')
      a(@UploadedFile('doc') _one: UploadedFile, @UploadedFiles('doc') _all: UploadedFile[]) {}
    }
    expectRefused(appWith(TwiceController), 'CORBEL_ERR_INVALID_PARAMETER', "already takes the field 'doc'");

    @Controller()
    class ProtoController {
      @Post('/a')
      a(@UploadedFile('__proto__') _doc: UploadedFile) {}
    }
    expectRefused(
      appWith(ProtoController),
      'CORBEL_ERR_INVALID_PARAMETER',
      'expected the name of a form field, got "__proto__"',
    );

    @Controller()
    class BothController {
      @Post('/a')
      a(@Body() @UploadedFile('doc') _doc: UploadedFile) {}
    }
    expectRefused(appWith(BothController), 'CORBEL_ERR_INVALID_PARAMETER', 'parameter #1 also has an upload decorator');
  });

  it('refuses createApp({ uploads }) with an unknown key, a storage it does not know, or a tempDir it cannot use', () => {
    @Controller()
    class PlainController {}
    expectRefused(
      appWith(PlainController, { maxFileSize: 1 } as UploadSettings),
      'CORBEL_ERR_INVALID_OPTION',
      "createApp({ uploads }): unknown option 'maxFileSize'",
    );
    expectRefused(
      appWith(PlainController, { storage: 's3' } as unknown as UploadSettings),
      'CORBEL_ERR_INVALID_OPTION',
      "expected 'memory' or 'disk', got \"s3\"",
    );
    expectRefused(
      appWith(PlainController, { storage: 'disk', tempDir: '/no/such/directory' }),
      'CORBEL_ERR_INVALID_OPTION',
      'createApp({ uploads: { tempDir } }): expected an existing directory, got "/no/such/directory"',
    );
    expectRefused(
      appWith(PlainController, { tempDir: '/tmp' }),
      'CORBEL_ERR_INVALID_OPTION',
      "tempDir is only used with storage: 'disk'",
    );
    expectRefused(
      appWith(PlainController, { fileSize: 0 }),
      'CORBEL_ERR_INVALID_OPTION',
      'createApp({ uploads: { fileSize } }): expected a whole number from 1 up, got 0',
    );
  });
});
