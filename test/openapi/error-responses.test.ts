// Error responses come from each route's filter table: the body documented is the body that route sends.
import {
  Body,
  type CanActivate,
  Catch,
  Controller,
  createApp,
  type ExceptionFilter,
  Get,
  HTTPNotFound,
  json,
  Param,
  Post,
  Query,
  Returns,
  Throws,
  UseFilters,
  UseGuards,
} from '@corbel/core';
import { buildOpenApiDocument, type OpenApiDocument } from '@corbel/openapi';
import { expect } from 'chai';
import { IsString } from 'class-validator';
import { FirstErrorFilter, NotFoundFilter, SearchQuery, SilentConflictFilter } from './support/fixtures';
import { openApiErrors, schemaValidator } from './support/validators';

const info = { title: 'Errors', version: '1.0.0' };

class ValueError extends Error {}
class QuantityError extends ValueError {}

class ValueErrorBody {
  @IsString() error!: string;
}

@Catch(ValueError)
class ValueErrorFilter implements ExceptionFilter<ValueError> {
  @Returns(ValueErrorBody, { status: 400, description: 'The value was refused' })
  catch(error: ValueError) {
    return json({ error: error.message }, 400);
  }
}

class NoteDto {
  @IsString() text!: string;
}

function responsesOf(document: OpenApiDocument, path: string, method: 'get' | 'post' = 'get') {
  const operation = document.paths[path]?.[method];
  if (!operation) throw new Error(`no ${method} ${path} in the document`);
  return operation.responses;
}

function schemaOf(document: OpenApiDocument, path: string, status: number): unknown {
  return responsesOf(document, path)[String(status)]?.content?.['application/json']?.schema;
}

describe('OpenAPI error responses', () => {
  describe('two routes, one with a method-scope @Catch(404) filter declaring @Returns(NotFoundBody, { status: 404 })', () => {
    function documentOf(withFilter: boolean) {
      @Controller('/things')
      class ThingsController {
        @Get('/:id')
        plain(@Param('id') id: number) {
          if (id !== 1) throw new HTTPNotFound(`Thing ${id} not found`);
          return { id };
        }

        @Get('/:id/strict')
        strict(@Param('id') id: number) {
          if (id !== 1) throw new HTTPNotFound(`Thing ${id} not found`);
          return { id };
        }
      }
      if (withFilter) UseFilters(NotFoundFilter)(ThingsController.prototype, 'strict', {});
      const app = createApp({ logger: false, controllers: [ThingsController] });
      return { app, document: buildOpenApiDocument(app, { info }) };
    }

    it('documents two different 404 bodies: the default {detail} and the filter’s NotFoundBody', () => {
      const { document } = documentOf(true);
      expect(schemaOf(document, '/things/{id}', 404)).to.deep.equal({ $ref: '#/components/schemas/HTTPError' });
      expect(schemaOf(document, '/things/{id}/strict', 404)).to.deep.equal({
        $ref: '#/components/schemas/NotFoundBody',
      });
      expect(responsesOf(document, '/things/{id}/strict')['404'].description).to.equal('Nothing here');
      expect(document.components.schemas.NotFoundBody).to.deep.include({ required: ['error', 'path'] });
    });

    it('documents the same 404 body for both once the filter is removed', () => {
      const { document } = documentOf(false);
      expect(schemaOf(document, '/things/{id}/strict', 404)).to.deep.equal(schemaOf(document, '/things/{id}', 404));
      expect(schemaOf(document, '/things/{id}', 404)).to.deep.equal({ $ref: '#/components/schemas/HTTPError' });
      expect(document.components.schemas).to.not.have.property('NotFoundBody');
    });

    it('matches what each route sends: a thrown 404 and a path that does not validate, checked by ajv', async () => {
      const { app, document } = documentOf(true);
      for (const path of ['/things/{id}', '/things/{id}/strict']) {
        const validate = schemaValidator(document.components.schemas, schemaOf(document, path, 404));
        for (const id of ['7', 'abc']) {
          const response = await app.inject(path.replace('{id}', id));
          expect(response.statusCode).to.equal(404);
          expect(validate(response.json()), `${path} with ${id}: ${response.body}`).to.equal(true);
        }
      }
      const strict = await app.inject('/things/abc/strict');
      expect(strict.json()).to.deep.equal({ error: 'no such thing', path: '/things/abc/strict' });
    });
  });

  it('documents, for each status a route can produce, the body its own table sends', async () => {
    const guard: CanActivate = { canActivate: () => true };

    @Controller('/notes')
    @UseFilters(SilentConflictFilter)
    class NotesController {
      @Get()
      search(@Query() query: SearchQuery) {
        return query;
      }

      @Post()
      @UseGuards(guard)
      @Throws(409, 'A note with this text exists')
      @Throws(QuantityError)
      create(@Body() note: NoteDto) {
        if (note.text === 'dup') throw new QuantityError('already there');
        return note;
      }

      @Post('/quick')
      @UseFilters(FirstErrorFilter)
      quick(@Body() note: NoteDto) {
        return note;
      }
    }
    const app = createApp({ logger: false, controllers: [NotesController], filters: [ValueErrorFilter] });
    const document = buildOpenApiDocument(app, { info });
    const search = responsesOf(document, '/notes');
    expect(Object.keys(search)).to.deep.equal(['200', '404', '422', '500']);
    expect(search['422'].content?.['application/json'].schema).to.deep.equal({
      type: 'array',
      items: { $ref: '#/components/schemas/ValidationErrorEntry' },
    });

    const create = responsesOf(document, '/notes', 'post');
    expect(Object.keys(create)).to.deep.equal(['201', '400', '403', '404', '409', '413', '415', '422', '500']);
    // The global ValueError filter answers the declared QuantityError (a subclass) with its own body and status.
    expect(create['400'].content?.['application/json'].schema).to.deep.equal({
      oneOf: [{ $ref: '#/components/schemas/HTTPError' }, { $ref: '#/components/schemas/ValueErrorBody' }],
    });
    expect(create['400'].description).to.equal('The value was refused');
    // The controller's 409 filter declares no body: the document says who answers, and claims no schema.
    expect(create['409']).to.deep.equal({
      description: 'A note with this text exists (answered by SilentConflictFilter)',
    });
    expect(create['403'].content?.['application/json'].schema).to.deep.equal({
      $ref: '#/components/schemas/HTTPError',
    });

    // A validation filter that answers 400 moves the validation failure off 422.
    const quick = responsesOf(document, '/notes/quick', 'post');
    expect(quick).to.not.have.property('422');
    expect(quick['400'].content?.['application/json'].schema).to.deep.equal({
      oneOf: [{ $ref: '#/components/schemas/FirstErrorBody' }, { $ref: '#/components/schemas/HTTPError' }],
    });

    const sent = await app.inject({ method: 'POST', url: '/notes', payload: { text: 'dup' } });
    expect(sent.statusCode).to.equal(400);
    const validate = schemaValidator(document.components.schemas, create['400'].content?.['application/json'].schema);
    expect(validate(sent.json())).to.equal(true);
    const invalid = await app.inject({ method: 'POST', url: '/notes/quick', payload: { text: 3 } });
    expect(invalid.statusCode).to.equal(400);
    expect(validate(invalid.json())).to.equal(true);
    expect(await openApiErrors(document)).to.deep.equal([]);
  });

  it('resolves scopes as at run time: a controller @Catch(404) answers the path failures of its routes', () => {
    @Controller('/orders')
    @UseFilters(NotFoundFilter)
    class OrdersController {
      @Get('/:id')
      findOne(@Param('id') id: number) {
        return { id };
      }
    }
    const app = createApp({ logger: false, controllers: [OrdersController] });
    const document = buildOpenApiDocument(app, { info });
    expect(schemaOf(document, '/orders/{id}', 404)).to.deep.equal({ $ref: '#/components/schemas/NotFoundBody' });
    expect(app.explainError(new HTTPNotFound(), { method: 'GET', path: '/orders/1' }).filter).to.equal(
      'NotFoundFilter',
    );
  });

  it('names the body of a global filter by class chain, for an error a route declares with @Throws', () => {
    @Controller('/stock')
    class StockController {
      @Get()
      @Throws(QuantityError, 'Out of range')
      list() {
        return [];
      }
    }
    const document = buildOpenApiDocument(
      createApp({ logger: false, controllers: [StockController], filters: [ValueErrorFilter] }),
      { info },
    );
    expect(responsesOf(document, '/stock')['400']).to.deep.equal({
      description: 'The value was refused',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ValueErrorBody' } } },
    });
  });
});
