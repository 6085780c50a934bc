// openApi(): the plugin that serves the OpenAPI and AsyncAPI documents and the docs page.
import type { CorbelPlugin, CorbelRequest } from '@corbel/core';
import { buildAsyncApiFromGateways } from '../documents/build-asyncapi';
import { buildOpenApiFromDescription } from '../documents/build-openapi';
import { type OpenApiOptions, resolveOptions } from '../documents/document-options';
import { loadWebSockets } from '../documents/web-sockets-module';
import { serveDocsPage } from './docs-page';
import { StaticAnswer } from './static-answer';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Documents the app it is added to: `GET /openapi.json` (OpenAPI 3.1), `GET /asyncapi.json` (AsyncAPI 3.0, for
 * `@corbel/ws` gateways) and `GET /docs` (Swagger UI, served from the package, with try-it-out against this
 * server). The documents are built once, when `createApp` finishes (so a `@Doc` out of place fails start-up), and
 * served with an ETag; other routes pay nothing. `docsPath: false` or `asyncApiPath: false` turns a part off.
 * @example
 * const app = createApp({
 *   controllers: [UsersController],
 *   plugins: [openApi({ info: { title: 'Users', version: '1.0.0' } })],
 * });
 * await app.listen(3000); // http://127.0.0.1:3000/docs
 */
export function openApi(options: OpenApiOptions): CorbelPlugin {
  return {
    name: 'openapi',
    setup(context) {
      const resolved = resolveOptions(options, 'openApi()');
      let openApiDocument: StaticAnswer | undefined;
      let asyncApiDocument: StaticAnswer | undefined;
      // Every plugin is set up by then, so the gateways of a webSockets() listed after this one are there too.
      context.onReady(() => {
        const description = context.describe();
        openApiDocument = new StaticAnswer(
          JSON.stringify(buildOpenApiFromDescription(description, resolved)),
          JSON_TYPE,
        );
        if (resolved.asyncApiPath !== false) {
          const gateways = loadWebSockets()?.describeGateways(context) ?? [];
          const document = buildAsyncApiFromGateways(gateways, description.validation, resolved);
          asyncApiDocument = new StaticAnswer(JSON.stringify(document), JSON_TYPE);
        }
      });
      const serve = (document: () => StaticAnswer | undefined) => (request: CorbelRequest) =>
        (document() as StaticAnswer).answer(request);
      context.addRoute(
        'GET',
        resolved.path,
        serve(() => openApiDocument),
      );
      if (resolved.asyncApiPath !== false)
        context.addRoute(
          'GET',
          resolved.asyncApiPath,
          serve(() => asyncApiDocument),
        );
      if (resolved.docsPath !== false) {
        serveDocsPage(context, {
          docsPath: resolved.docsPath,
          documentPath: resolved.path,
          title: resolved.info.title,
        });
      }
    },
  };
}
