// The docs page: Swagger UI from the swagger-ui-dist package's own files, served by the app (no CDN, no network).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CorbelRequest, PluginContext } from '@corbel/core';
import { StaticAnswer } from './static-answer';

/** The files of swagger-ui-dist the page uses, by the name they are served under, with their content type. */
const ASSETS: readonly (readonly [string, string])[] = [
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  ['favicon-32x32.png', 'image/png'],
  ['favicon-16x16.png', 'image/png'],
  ['oauth2-redirect.html', 'text/html; charset=utf-8'],
  ['oauth2-redirect.js', 'text/javascript; charset=utf-8'],
];

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function pageOf(title: string, docsPath: string): string {
  const asset = (name: string) => escapeHtml(`${docsPath}/${name}`);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(title)}</title>
    <link rel="stylesheet" href="${asset('swagger-ui.css')}">
    <link rel="icon" type="image/png" href="${asset('favicon-32x32.png')}" sizes="32x32">
    <link rel="icon" type="image/png" href="${asset('favicon-16x16.png')}" sizes="16x16">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${asset('swagger-ui-bundle.js')}"></script>
    <script src="${asset('swagger-initializer.js')}"></script>
  </body>
</html>
`;
}

// A script file rather than an inline one, so a strict Content-Security-Policy (script-src 'self') allows the page.
function initializerOf(documentPath: string, docsPath: string): string {
  const settings = {
    url: documentPath,
    dom_id: '#swagger-ui',
    deepLinking: true,
    // Swagger UI would otherwise send the document to validator.swagger.io: the page makes no outside call.
    validatorUrl: null,
    displayRequestDuration: true,
    oauth2RedirectPath: `${docsPath}/oauth2-redirect.html`,
  };
  return `window.onload = function () {
  var settings = ${JSON.stringify(settings)};
  settings.presets = [SwaggerUIBundle.presets.apis];
  settings.layout = 'BaseLayout';
  settings.oauth2RedirectUrl = window.location.origin + settings.oauth2RedirectPath;
  window.ui = SwaggerUIBundle(settings);
};
`;
}

/** Where swagger-ui-dist's files are, found without loading its bundle into the server. */
function assetDirectory(): string {
  return dirname(require.resolve('swagger-ui-dist/package.json'));
}

/**
 * Serves the page at `docsPath` and its assets under it, over the document at `documentPath`. The page and its
 * script are built at setup; swagger-ui-dist's files are read on their first request, then kept.
 * @example serveDocsPage(context, { docsPath: '/docs', documentPath: '/openapi.json', title: 'Shop API' });
 */
export function serveDocsPage(
  context: PluginContext,
  settings: { readonly docsPath: string; readonly documentPath: string; readonly title: string },
): void {
  const { docsPath, documentPath, title } = settings;
  // The page may live at '/': its assets then sit at '/swagger-ui.css', not '//swagger-ui.css'.
  const base = docsPath.endsWith('/') ? docsPath.slice(0, -1) : docsPath;
  const page = new StaticAnswer(pageOf(title, base), 'text/html; charset=utf-8');
  const initializer = new StaticAnswer(initializerOf(documentPath, base), 'text/javascript; charset=utf-8');
  context.addRoute('GET', docsPath, (request) => page.answer(request));
  context.addRoute('GET', `${base}/swagger-initializer.js`, (request) => initializer.answer(request));
  const directory = assetDirectory();
  for (const [name, contentType] of ASSETS) {
    let loaded: Promise<StaticAnswer> | undefined;
    const load = () => {
      loaded ??= readFile(join(directory, name)).then((bytes) => new StaticAnswer(bytes, contentType));
      // A failed read is not kept: the next request tries again.
      loaded.catch(() => {
        loaded = undefined;
      });
      return loaded;
    };
    context.addRoute('GET', `${base}/${name}`, (request: CorbelRequest) =>
      load().then((asset) => asset.answer(request)),
    );
  }
}
