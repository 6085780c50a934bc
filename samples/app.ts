// Builds the app `npm start` serves: every sample's controllers, filters and gateways in one process.
import { createApp } from '@corbel/core';
import { ChatPageController } from './chat/chat-page-controller';
import { chatWebSockets } from './chat/web-sockets';
import { PermissionErrorFilter, ValueErrorFilter } from './filters/filters';
import { OrdersController } from './filters/orders-controller';
import { UsersModule } from './hello/users-module';
import { IndexController } from './index-controller';
import { BooksController } from './quick-start/app';
import { MembersController } from './responses/members-controller';
import { AccountsController } from './validation/accounts-controller';

/** A new instance of the sample app (tests create their own). */
export function createSampleApp(options: { logger?: false } = {}) {
  const app = createApp({
    imports: [UsersModule],
    controllers: [
      IndexController,
      BooksController,
      OrdersController,
      AccountsController,
      MembersController,
      ChatPageController,
    ],
    filters: [ValueErrorFilter, PermissionErrorFilter],
    plugins: [chatWebSockets()],
    ...options,
  });
  IndexController.routes = app.routes();
  return app;
}
