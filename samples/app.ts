// Builds the app `npm start` serves: every sample's controllers, filters and gateways in one process, documented.
import { join } from 'node:path';
import { createApp, serveStatic } from '@corbel/core';
import { type OpenApiOptions, openApi } from '@corbel/openapi';
import { describeGateways, type WebSocketAdapter } from '@corbel/ws';
import { CatsModule } from './cats/cats.module';
import { ChatPageController } from './chat/chat-page-controller';
import { chatWebSockets } from './chat/web-sockets';
import { DocumentsModule } from './documents/documents-module';
import { ClockController } from './events/clock-controller';
import { PermissionErrorFilter, ValueErrorFilter } from './filters/filters';
import { OrdersController } from './filters/orders-controller';
import { UsersModule } from './hello/users-module';
import { IndexController } from './index-controller';
import { BooksController } from './quick-start/app';
import { MembersController } from './responses/members-controller';
import { AccountsController } from './validation/accounts-controller';

/** What the documents say about the samples: served at /openapi.json and /docs, written by `npm run openapi`. */
export const sampleDocumentation: OpenApiOptions = {
  info: { title: 'Corbel samples', version: '0.1.0', description: 'Every sample of the repository in one app.' },
};

/** A new instance of the sample app (tests create their own); `adapter` carries the chat rooms across processes. */
export function createSampleApp(options: { logger?: false; adapter?: WebSocketAdapter } = {}) {
  const { adapter, ...appOptions } = options;
  const app = createApp({
    imports: [UsersModule, DocumentsModule, CatsModule],
    controllers: [
      IndexController,
      BooksController,
      OrdersController,
      AccountsController,
      MembersController,
      ChatPageController,
      ClockController,
    ],
    filters: [ValueErrorFilter, PermissionErrorFilter],
    // The first things a team wires up: any origin may call the API (no credentials), helmet's headers on every
    // answer, compression, and the files of samples/public under /static. The samples serve plain http, so the
    // CSP does not ask browsers to upgrade requests to https.
    cors: true,
    securityHeaders: { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } },
    compression: true,
    plugins: [
      chatWebSockets(adapter),
      openApi(sampleDocumentation),
      serveStatic({ root: join(__dirname, '..', 'public'), prefix: '/static' }),
    ],
    ...appOptions,
  });
  IndexController.routes = app.routes();
  IndexController.gateways = describeGateways(app).map(({ path, gateway, handlers }) => ({
    path,
    gateway: gateway.name,
    events: handlers.map(({ event }) => event),
  }));
  return app;
}
