// Builds the app `npm start` serves: every sample's controllers, filters and gateways in one process.
import { join } from 'node:path';
import { createApp, serveStatic } from '@corbel/core';
import { ChatPageController } from './chat/chat-page-controller';
import { chatWebSockets } from './chat/web-sockets';
import { PermissionErrorFilter, ValueErrorFilter } from './filters/filters';
import { OrdersController } from './filters/orders-controller';
import { UsersModule } from './hello/users-module';
import { IndexController } from './index-controller';
import { BooksController } from './quick-start/app';
import { AccountsController } from './validation/accounts-controller';

/** A new instance of the sample app (tests create their own). */
export function createSampleApp(options: { logger?: false } = {}) {
  const app = createApp({
    imports: [UsersModule],
    controllers: [IndexController, BooksController, OrdersController, AccountsController, ChatPageController],
    filters: [ValueErrorFilter, PermissionErrorFilter],
    // The first things a team wires up: any origin may call the API (no credentials), helmet's headers on every
    // answer, compression, and the files of samples/public under /static. The samples serve plain http, so the
    // CSP does not ask browsers to upgrade requests to https.
    cors: true,
    securityHeaders: { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } },
    compression: true,
    plugins: [chatWebSockets(), serveStatic({ root: join(__dirname, '..', 'public'), prefix: '/static' })],
    ...options,
  });
  IndexController.routes = app.routes();
  return app;
}
