// Builds the app `npm start` serves: every sample's controllers, filters and gateways in one process.
import { createApp } from '@corbel/core';
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
    controllers: [IndexController, BooksController, OrdersController, AccountsController],
    filters: [ValueErrorFilter, PermissionErrorFilter],
    ...options,
  });
  IndexController.routes = app.routes();
  return app;
}
