// buildOpenApiDocument: the OpenAPI 3.1 document of an app, from the routes it compiled and the filters they use.
import { type AppDescription, CorbelError, type RouteDescription } from '@corbel/core';
import type { DocOptions } from '../metadata/doc-metadata';
import { readDoc } from '../metadata/doc-metadata';
import { documentationOf } from '../metadata/doc-options';
import { SchemaRegistry } from '../schemas/schema-registry';
import { registerBuiltinSchemas } from './builtin-schemas';
import { type OpenApiOptions, resolveOptions } from './document-options';
import type { HttpMethodName, OpenApiDocument, OperationObject, TagObject } from './openapi-document';
import { toPathTemplate } from './path-template';
import { routeParameters, routeRequestBody } from './route-input';
import { routeResponses } from './route-responses';
import { uploadRequestBody } from './upload-body';

// HEAD is left out: every GET answers it, and a HEAD operation documents nothing a GET does not.
const ALL_METHODS: readonly HttpMethodName[] = ['get', 'post', 'put', 'patch', 'delete', 'options'];

function methodsOf(route: RouteDescription): readonly HttpMethodName[] {
  if (route.method === 'ALL') return ALL_METHODS;
  const method = route.method.toLowerCase() as HttpMethodName;
  return ALL_METHODS.includes(method) ? [method] : [];
}

/** Tags and their descriptions, refusing one tag described two ways. */
class TagList {
  readonly #tags = new Map<string, TagObject>();

  add(names: readonly string[], description: string | undefined, where: string): void {
    for (const name of names) {
      const known = this.#tags.get(name);
      if (!known) {
        this.#tags.set(name, description === undefined ? { name } : { name, description });
      } else if (description !== undefined) {
        if (known.description !== undefined && known.description !== description) {
          throw new CorbelError(
            'CORBEL_ERR_INVALID_DOC',
            `@Doc on ${where}: tag '${name}' is already described differently; describe it on one controller`,
          );
        }
        known.description = description;
      }
    }
  }

  list(): TagObject[] {
    return [...this.#tags.values()];
  }
}

interface ControllerDoc {
  readonly doc: DocOptions;
  readonly tags: readonly string[];
}

/**
 * Builds the OpenAPI 3.1 document of an app description (`app.describe()`): one operation per route and method,
 * parameters and bodies from the bound parameters and their DTOs' class-validator metadata, and responses from
 * @Returns and the route's own filter table. Misuse (`@Doc` out of place, a duplicate operationId) is a
 * `CORBEL_ERR_INVALID_DOC`.
 * @example const document = buildOpenApiFromDescription(app.describe(), { info: { title: 'Shop', version: '1.0.0' } });
 */
export function buildOpenApiFromDescription(description: AppDescription, options: OpenApiOptions): OpenApiDocument {
  const resolved = resolveOptions(options, 'buildOpenApiDocument()');
  const registry = new SchemaRegistry(description.validation);
  const builtins = registerBuiltinSchemas(registry);
  const tags = new TagList();
  const controllers = new Map<object, ControllerDoc>();
  const operationIds = new Map<string, string>();
  const paths: OpenApiDocument['paths'] = {};

  const controllerDoc = (route: RouteDescription): ControllerDoc => {
    let known = controllers.get(route.controller);
    if (!known) {
      const doc = documentationOf('controller', readDoc(route.controller), route.controller.name);
      known = { doc, tags: doc.tags ?? [route.controller.name] };
      tags.add(known.tags, doc.description, route.controller.name);
      controllers.set(route.controller, known);
    }
    return known;
  };

  for (const route of description.routes) {
    const methods = methodsOf(route);
    if (methods.length === 0) continue;
    const where = `${route.controller.name}.${route.handler}`;
    const controller = controllerDoc(route);
    const doc = documentationOf('route', readDoc(route.controller.prototype, route.handler), where);
    const template = toPathTemplate(route.path);
    const parameters = routeParameters(route, template.parameters, registry);
    const requestBody = uploadRequestBody(route, registry) ?? routeRequestBody(route, registry);
    const responses = routeResponses(route, doc.example, { registry, builtins, where });
    const operationTags = doc.tags ?? controller.tags;
    if (doc.tags) tags.add(doc.tags, undefined, where);
    for (const method of methods) {
      const base = doc.operationId ?? `${route.controller.name}_${route.handler}`;
      const operationId = methods.length > 1 ? `${base}_${method}` : base;
      const previous = operationIds.get(operationId);
      if (previous !== undefined) {
        throw new CorbelError(
          'CORBEL_ERR_INVALID_DOC',
          `operationId '${operationId}' is used by ${previous} and by ${where}: operationIds must be unique; ` +
            "give one of them @Doc({ operationId: '…' })",
        );
      }
      operationIds.set(operationId, where);
      const deprecated = doc.deprecated ?? controller.doc.deprecated;
      // Written in the order a reader expects: who, what, input, then the answers.
      const operation: OperationObject = {
        operationId,
        tags: [...operationTags],
        ...(doc.summary === undefined ? {} : { summary: doc.summary }),
        ...(doc.description === undefined ? {} : { description: doc.description }),
        ...(deprecated === undefined ? {} : { deprecated }),
        ...(parameters.length === 0 ? {} : { parameters }),
        // OpenAPI 3.1 allows a body on any method; a GET that binds @Body does read one.
        ...(requestBody === undefined ? {} : { requestBody }),
        responses,
      };
      paths[template.path] ??= {};
      paths[template.path][method] = operation;
    }
  }

  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: { ...resolved.info },
    paths,
    components: { schemas: registry.components() },
  };
  if (resolved.servers) document.servers = resolved.servers.map((server) => ({ ...server }));
  const tagList = tags.list();
  if (tagList.length > 0) document.tags = tagList;
  if (resolved.securitySchemes) document.components.securitySchemes = { ...resolved.securitySchemes };
  if (resolved.security) document.security = resolved.security.map((requirement) => ({ ...requirement }));
  // A plain JSON tree: what is served, what a test compares, what `JSON.stringify` writes to a file.
  return JSON.parse(JSON.stringify(document)) as OpenApiDocument;
}

/**
 * The OpenAPI 3.1 document of a created app, for exporting (the `openApi()` plugin serves the same document).
 * @example
 * const app = createApp({ controllers: [UsersController] });
 * writeFileSync('openapi.json', JSON.stringify(buildOpenApiDocument(app, { info: { title: 'Users', version: '1.0.0' } })));
 */
export function buildOpenApiDocument(app: { describe(): AppDescription }, options: OpenApiOptions): OpenApiDocument {
  return buildOpenApiFromDescription(app.describe(), options);
}
