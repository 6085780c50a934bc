// Builds the app `npm start` serves: every sample's controllers, filters and gateways in one process.
import { createApp } from '@corbel/core';
import type { WebSocketAdapter } from '@corbel/ws';
import { ChatPageController } from './chat/chat-page-controller';
import { chatWebSockets } from './chat/web-sockets';
import { PermissionErrorFilter, ValueErrorFilter } from './filters/filters';
import { OrdersController } from './filters/orders-controller';
import { UsersModule } from './hello/users-module';
import { IndexController } from './index-controller';
import { BooksController } from './quick-start/app';
import { AccountsController } from './validation/accounts-controller';

/** A new instance of the sample app (tests create their own); `adapter` carries the chat rooms across processes. */
export function createSampleApp(options: { logger?: false; adapter?: WebSocketAdapter } = {}) {
  const { adapter, ...appOptions } = options;
  const app = createApp({
    imports: [UsersModule],
    controllers: [IndexController, BooksController, OrdersController, AccountsController, ChatPageController],
    filters: [ValueErrorFilter, PermissionErrorFilter],
    plugins: [chatWebSockets(adapter)],
    ...appOptions,
  });
  IndexController.routes = app.routes();
  return app;
}
