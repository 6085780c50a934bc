// Feature options fail closed: an unknown key, a mistyped value or a contradiction stops createApp with a code.
import { type AppOptions, Controller, Cookie, CorbelError, Cors, createApp, Get, serveStatic } from '@corbel/core';
import { expect } from 'chai';

@Controller('/x')
class PlainController {
  @Get()
  read() {
    return {};
  }
}

@Controller('/c')
class CorsController {
  @Get()
  @Cors({ credentials: true })
  read() {
    return {};
  }
}

@Controller('/s')
class SignedController {
  @Get()
  read(@Cookie('sid', { signed: true }) sid: string) {
    return { sid };
  }
}

function refused(options: AppOptions, message: RegExp, code = 'CORBEL_ERR_INVALID_OPTION'): void {
  expect(() => createApp({ controllers: [PlainController], logger: false, ...options }))
    .to.throw(CorbelError, message)
    .with.property('code', code);
}

describe('feature options checked at createApp', () => {
  it("refuse CORS credentials with origin '*', in the app's options and in a route's @Cors", () => {
    refused(
      { cors: { origin: '*', credentials: true } },
      /createApp\(\{ cors \}\): credentials: true with origin '\*' is forbidden/,
    );
    refused({ cors: { credentials: true } }, /credentials: true with origin '\*'/);
    expect(() => createApp({ controllers: [CorsController], logger: false }))
      .to.throw(CorbelError, /@Cors on CorsController.read: credentials: true with origin '\*'/)
      .with.property('code', 'CORBEL_ERR_INVALID_OPTION');
  });

  const cases: [string, AppOptions, RegExp][] = [
    ['an unknown cors option', { cors: { origins: ['a'] } as never }, /cors \}\): unknown option 'origins'/],
    ['a cors origin of the wrong type', { cors: { origin: 42 } as never }, /cors \}\).origin: expected/],
    ["'*' inside a cors origin list", { cors: { origin: ['*'] } }, /origin: expected strings \(not '\*'/],
    ['a negative cors maxAge', { cors: { maxAge: -1 } }, /maxAge: expected a whole number/],
    ['a cors header with CR/LF', { cors: { exposedHeaders: 'a\r\nb' } }, /exposedHeaders: expected header-safe/],
    [
      'an unknown securityHeaders option',
      { securityHeaders: { csp: false } as never },
      /securityHeaders \}\): unknown option 'csp'/,
    ],
    [
      'a helmet option helmet refuses',
      { securityHeaders: { strictTransportSecurity: { maxAge: -5 } } },
      /helmet refused/,
    ],
    [
      'a CSP directive function (a per-request nonce)',
      { securityHeaders: { contentSecurityPolicy: { directives: { scriptSrc: [() => "'nonce-x'"] } } } },
      /directive is a function/,
    ],
    ['an unknown compression option', { compression: { treshold: 10 } as never }, /unknown option 'treshold'/],
    ['an unknown encoding', { compression: { encodings: ['zstd'] as never } }, /encodings: expected a non-empty array/],
    ['a compression level out of range', { compression: { level: 12 } }, /level: expected an integer from -1 to 9/],
    ['an unknown versioning option', { versioning: { type: 'uri', prefix: 'v' } as never }, /unknown option 'prefix'/],
    ['an unknown versioning type', { versioning: { type: 'media' } as never }, /type: expected 'uri' or 'header'/],
    ['a header with URI versioning', { versioning: { type: 'uri', header: 'X' } }, /header: expected nothing/],
    ['a prefix without a leading slash', { prefix: 'api' }, /prefix \}\): expected a path/],
    ['an unknown cookies option', { cookies: { secret: 's', signed: true } as never }, /unknown option 'signed'/],
    ['an empty cookie secret', { cookies: { secret: '' } }, /secret: expected a non-empty string/],
    ['a boolean where options belong', { compression: 'yes' } as never, /compression \}\): expected true, false/],
  ];
  for (const [what, options, message] of cases) {
    it(`refuse ${what}`, () => refused(options, message));
  }

  it('refuse unknown serveStatic options and a root that is not a folder, when the plugin is made', () => {
    expect(() => serveStatic({ root: '.', maxage: 1 } as never))
      .to.throw(CorbelError, /serveStatic\(\): unknown option 'maxage'/)
      .with.property('code', 'CORBEL_ERR_INVALID_OPTION');
    expect(() => serveStatic({ root: '/no/such/folder' }))
      .to.throw(CorbelError, /root: '\/no\/such\/folder' is not a folder/)
      .with.property('code', 'CORBEL_ERR_INVALID_OPTION');
    expect(() => serveStatic({ root: '.', dotfiles: 'show' as never })).to.throw(CorbelError, /dotfiles: expected/);
  });

  it('refuse @Cookie(name, { signed: true }) in an app without cookies.secret, naming the parameter', () => {
    expect(() => createApp({ controllers: [SignedController], logger: false }))
      .to.throw(
        CorbelError,
        /@Cookie\('sid'\) on SignedController.read: \{ signed: true \} needs the app's cookie secret/,
      )
      .with.property('code', 'CORBEL_ERR_INVALID_PARAMETER');
  });
});
