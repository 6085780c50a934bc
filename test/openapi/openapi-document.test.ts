// The OpenAPI 3.1 document: paths, operations, parameters, bodies and success answers, as the app compiled them.
import {
  All,
  Body,
  Controller,
  createApp,
  Delete,
  Get,
  Head,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  Returns,
} from '@corbel/core';
import { buildOpenApiDocument, Doc, type OpenApiDocument } from '@corbel/openapi';
import { expect } from 'chai';
import { IsInt, IsString } from 'class-validator';
import { startupError } from '../support/startup-error';
import { AddressDto, ConstraintsDto, LoginForm, SearchQuery } from './support/fixtures';
import { openApiErrors } from './support/validators';

const info = { title: 'Shop', version: '1.2.3', description: 'What the shop serves' };

class UserDto {
  @IsInt() id!: number;
  @IsString() name!: string;
}

@Controller('/users')
@Doc({ tags: ['users'], description: 'People with an account' })
class UsersController {
  @Get('/:id')
  @Returns(UserDto)
  @Doc({ summary: 'Find a user', description: 'By id', operationId: 'getUser', example: { id: 1, name: 'Ada' } })
  findOne(@Param('id', { description: 'The id', example: 1 }) id: number) {
    return { id, name: 'Ada' };
  }

  @Get()
  @Returns([UserDto])
  list(
    @Query('page', { default: 1 }) page: number,
    @Query('active') active: boolean,
    @Query('name', { required: true, description: 'Part of the name' }) name: string,
    @Query('tag') tags: string[],
    @Headers('X-Request-Id') requestId?: string,
  ) {
    return [{ page, active, name, tags, requestId }];
  }

  @Post()
  @Returns(UserDto, { description: 'The new user' })
  create(@Body() dto: ConstraintsDto) {
    return dto;
  }

  @Put('/:id')
  @HttpCode(204)
  @Doc({ deprecated: true })
  replace(@Param('id') _id: number, @Body({ type: [AddressDto] }) _addresses: AddressDto[]) {}

  @Delete('/:id')
  remove(@Param('id') id: number) {
    return { removed: id };
  }
}

@Controller('/misc')
class MiscController {
  @Get('/search')
  search(@Query() query: SearchQuery) {
    return query;
  }

  @Post('/login')
  login(@Body() form: LoginForm) {
    return { user: form.user };
  }

  @Post('/invite')
  invite(@Body('email', { required: true, description: 'Who to invite' }) email: string, @Body('note') note?: string) {
    return { email, note };
  }

  @Post('/raw')
  raw(@Req() _request: unknown) {
    return 'ok';
  }

  @Get('/greeting')
  @Returns(String)
  greeting() {
    return 'hello';
  }

  @Get('/files/*')
  file(@Param('*') path: string) {
    return path;
  }

  @Get('/by-slug/:slug(^[a-z]+$)/:version')
  bySlug(@Param('slug') slug: string) {
    return slug;
  }

  @All('/ping')
  ping() {
    return 'pong';
  }

  @Head('/ping-head')
  pingHead() {}
}

describe('OpenAPI document', () => {
  const app = createApp({ logger: false, controllers: [UsersController, MiscController] });
  const document: OpenApiDocument = buildOpenApiDocument(app, {
    info,
    servers: [{ url: 'https://shop.example.com' }],
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    security: [{ bearer: [] }],
  });
  const operation = (path: string, method: 'get' | 'post' | 'put' | 'delete' | 'options' | 'patch' = 'get') => {
    const found = document.paths[path]?.[method];
    if (!found) throw new Error(`no ${method} ${path}`);
    return found;
  };

  it('is valid OpenAPI 3.1 (checked by @seriousme/openapi-schema-validator)', async () => {
    expect(document.openapi).to.equal('3.1.0');
    expect(await openApiErrors(document)).to.deep.equal([]);
  });

  it('carries the info, servers and security given', () => {
    expect(document.info).to.deep.equal(info);
    expect(document.servers).to.deep.equal([{ url: 'https://shop.example.com' }]);
    expect(document.components.securitySchemes).to.deep.equal({ bearer: { type: 'http', scheme: 'bearer' } });
    expect(document.security).to.deep.equal([{ bearer: [] }]);
  });

  it('writes paths in OpenAPI syntax, one operation per route and method, HEAD left out', () => {
    expect(Object.keys(document.paths)).to.deep.equal([
      '/users/{id}',
      '/users',
      '/misc/search',
      '/misc/login',
      '/misc/invite',
      '/misc/raw',
      '/misc/greeting',
      '/misc/files/{*}',
      '/misc/by-slug/{slug}/{version}',
      '/misc/ping',
    ]);
    expect(Object.keys(document.paths['/users/{id}'])).to.deep.equal(['get', 'put', 'delete']);
    expect(Object.keys(document.paths['/misc/ping'])).to.deep.equal([
      'get',
      'post',
      'put',
      'patch',
      'delete',
      'options',
    ]);
  });

  it('names operations Controller_method unless @Doc says otherwise, and tags them by @Doc or controller', () => {
    expect(operation('/users/{id}').operationId).to.equal('getUser');
    expect(operation('/users').operationId).to.equal('UsersController_list');
    expect(operation('/misc/ping', 'post').operationId).to.equal('MiscController_ping_post');
    expect(operation('/users').tags).to.deep.equal(['users']);
    expect(operation('/misc/search').tags).to.deep.equal(['MiscController']);
    expect(document.tags).to.deep.equal([
      { name: 'users', description: 'People with an account' },
      { name: 'MiscController' },
    ]);
    expect(operation('/users/{id}')).to.deep.include({ summary: 'Find a user', description: 'By id' });
    expect(operation('/users/{id}', 'put').deprecated).to.equal(true);
  });

  it('documents named parameters with the schema of their declared type, required and default as bound', () => {
    expect(operation('/users/{id}').parameters).to.deep.equal([
      { name: 'id', in: 'path', required: true, schema: { type: 'number' }, description: 'The id', example: 1 },
    ]);
    expect(operation('/users').parameters).to.deep.equal([
      { name: 'page', in: 'query', required: false, schema: { type: 'number', default: 1 } },
      { name: 'active', in: 'query', required: false, schema: { type: 'boolean' } },
      { name: 'name', in: 'query', required: true, schema: { type: 'string' }, description: 'Part of the name' },
      { name: 'tag', in: 'query', required: false, schema: { type: 'array', items: { type: 'string' } } },
      { name: 'x-request-id', in: 'header', required: false, schema: { type: 'string' } },
    ]);
  });

  it('expands a DTO record into one parameter per property, with its constraints', () => {
    expect(operation('/misc/search').parameters).to.deep.equal([
      { name: 'page', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } },
      { name: 'q', in: 'query', required: false, schema: { type: 'string' }, description: 'Free text' },
    ]);
  });

  it('documents every path parameter of the template, with the route regexp as its pattern', () => {
    expect(operation('/misc/by-slug/{slug}/{version}').parameters).to.deep.equal([
      { name: 'slug', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z]+$' } },
      { name: 'version', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(operation('/misc/files/{*}').parameters).to.deep.equal([
      { name: '*', in: 'path', required: true, schema: { type: 'string' } },
    ]);
  });

  it('documents @Body DTOs as component schemas, as JSON, and as a form when strings can satisfy them', () => {
    expect(operation('/users', 'post').requestBody).to.deep.equal({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ConstraintsDto' } } },
    });
    expect(operation('/misc/login', 'post').requestBody).to.deep.equal({
      required: true,
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/LoginForm' } },
        'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/LoginForm' } },
      },
    });
    expect(operation('/users/{id}', 'put').requestBody?.content['application/json'].schema).to.deep.equal({
      type: 'array',
      items: { $ref: '#/components/schemas/AddressDto' },
    });
  });

  it('documents named @Body fields as one object, and routes that only read the request as having no body shape', () => {
    expect(operation('/misc/invite', 'post').requestBody).to.deep.equal({
      required: true,
      description: 'Who to invite',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { email: { type: 'string', description: 'Who to invite' }, note: { type: 'string' } },
            required: ['email'],
          },
        },
        'application/x-www-form-urlencoded': {
          schema: {
            type: 'object',
            properties: { email: { type: 'string', description: 'Who to invite' }, note: { type: 'string' } },
            required: ['email'],
          },
        },
      },
    });
    expect(operation('/misc/raw', 'post')).to.not.have.property('requestBody');
    expect(operation('/misc/raw', 'post').responses).to.have.keys('201', '400', '404', '413', '415', '500');
  });

  it('answers with the real success status and the @Returns schema', () => {
    expect(operation('/users/{id}').responses['200']).to.deep.equal({
      description: 'OK',
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/UserDto' }, example: { id: 1, name: 'Ada' } },
      },
    });
    expect(operation('/users').responses['200'].content?.['application/json'].schema).to.deep.equal({
      type: 'array',
      items: { $ref: '#/components/schemas/UserDto' },
    });
    expect(operation('/users', 'post').responses['201'].description).to.equal('The new user');
    expect(operation('/users/{id}', 'put').responses['204']).to.deep.equal({ description: 'No Content' });
    expect(operation('/users/{id}', 'delete').responses['200']).to.deep.equal({ description: 'OK' });
    expect(operation('/misc/greeting').responses['200'].content).to.deep.equal({
      'text/plain': { schema: { type: 'string' } },
    });
  });

  it('builds DTO schemas from class-validator metadata, every constraint the issue lists', () => {
    expect(document.components.schemas.ConstraintsDto).to.deep.equal({
      type: 'object',
      properties: {
        count: { type: 'integer', minimum: 1, maximum: 10 },
        code: { type: 'string', minLength: 2, maxLength: 8 },
        short: { type: 'string', minLength: 1, maxLength: 3 },
        slug: { type: 'string', pattern: '^[a-z]+$' },
        email: { type: 'string', format: 'email' },
        id: { type: 'string', format: 'uuid' },
        site: { type: 'string', format: 'uri' },
        when: { type: 'string', format: 'date-time' },
        color: { enum: ['red', 'green'] },
        // class-validator's IsEnum accepts a numeric enum's names too (its reverse mapping).
        level: { enum: ['Low', 'High', 0, 1] },
        letter: { enum: ['a', 'b'] },
        note: { type: ['string', 'null'] },
        address: { $ref: '#/components/schemas/AddressDto', type: 'object' },
        others: { type: 'array', items: { $ref: '#/components/schemas/AddressDto' } },
        tags: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string' } },
        labels: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
        quantity: { type: 'integer', default: 1 },
      },
      required: [
        'count',
        'code',
        'short',
        'slug',
        'email',
        'id',
        'site',
        'when',
        'color',
        'level',
        'letter',
        'address',
        'others',
        'tags',
        'labels',
      ],
    });
  });

  it('takes a DTO’s and a property’s @Doc as their title, description and example', () => {
    expect(document.components.schemas.AddressDto).to.deep.equal({
      type: 'object',
      title: 'Address',
      description: 'Where a parcel goes',
      example: { street: 'Main St', zip: '12345' },
      properties: {
        street: { type: 'string', description: 'Street and number' },
        zip: { type: 'string', pattern: '^\\d{5}$' },
      },
      required: ['street', 'zip'],
    });
  });

  it('closes objects when the app forbids unknown properties (whitelist + forbidNonWhitelisted)', () => {
    const strict = createApp({
      logger: false,
      controllers: [MiscController],
      validation: { forbidNonWhitelisted: true },
    });
    const schemas = buildOpenApiDocument(strict, { info }).components.schemas;
    expect(schemas.LoginForm.additionalProperties).to.equal(false);
    expect(document.components.schemas.LoginForm).to.not.have.property('additionalProperties');
  });

  it('is built the same way twice (a plain JSON tree)', () => {
    expect(
      buildOpenApiDocument(app, {
        info,
        servers: [{ url: 'https://shop.example.com' }],
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        security: [{ bearer: [] }],
      }),
    ).to.deep.equal(document);
    expect(JSON.parse(JSON.stringify(document))).to.deep.equal(document);
  });
});

describe('OpenAPI document misuse', () => {
  it('refuses a @Doc key where it has no place, naming the class (CORBEL_ERR_INVALID_DOC)', () => {
    @Controller('/a')
    @Doc({ operationId: 'nope' })
    class MisplacedController {
      @Get()
      list() {
        return [];
      }
    }
    const error = startupError(() =>
      buildOpenApiDocument(createApp({ logger: false, controllers: [MisplacedController] }), { info }),
    );
    expect(error.code).to.equal('CORBEL_ERR_INVALID_DOC');
    expect(error.message).to.equal(
      "@Doc on MisplacedController: 'operationId' has no place on a controller class (it applies to a route method, " +
        'a gateway handler); expected tags, description, deprecated',
    );
  });

  it('refuses an unknown @Doc key and a value of the wrong type', () => {
    @Controller('/b')
    class TypoController {
      @Get()
      @Doc({ sumary: 'typo' } as never)
      list() {
        return [];
      }

      @Get('/x')
      @Doc({ tags: 'x' } as never)
      x() {
        return [];
      }
    }
    const app = createApp({ logger: false, controllers: [TypoController] });
    expect(startupError(() => buildOpenApiDocument(app, { info })).message).to.include(
      "@Doc on TypoController.list: unknown key 'sumary'",
    );
  });

  it('refuses two operations with the same operationId', () => {
    @Controller('/c')
    class First {
      @Get()
      @Doc({ operationId: 'list' })
      list() {
        return [];
      }
    }
    @Controller('/d')
    class Second {
      @Get()
      @Doc({ operationId: 'list' })
      list() {
        return [];
      }
    }
    const error = startupError(() =>
      buildOpenApiDocument(createApp({ logger: false, controllers: [First, Second] }), { info }),
    );
    expect(error.message).to.include("operationId 'list' is used by First.list and by Second.list");
  });

  for (const [label, options, message] of [
    ['an unknown option', { info, servers: [], sever: 1 }, "unknown option 'sever'"],
    ['a missing title', { info: { version: '1' } }, 'info.title: expected a non-empty string'],
    [
      'a security requirement naming no scheme',
      { info, security: [{ bearer: [] }] },
      "'bearer' is not one of securitySchemes",
    ],
    ['a relative docs path', { info, docsPath: 'docs' }, "docsPath: expected a path starting with '/' or false"],
  ] as const) {
    it(`refuses ${label}`, () => {
      const error = startupError(() => buildOpenApiDocument(createApp({ logger: false }), options as never));
      expect(error.code).to.equal('CORBEL_ERR_INVALID_DOC');
      expect(error.message).to.include(message);
    });
  }
});
