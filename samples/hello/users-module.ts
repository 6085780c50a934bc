// samples/hello: the users feature as a module: its controller, its service, and the guard's session store.
import { Module } from '@corbel/core';
import { RequestTimings } from './request-timings';
import { Sessions } from './sessions';
import { UsersController } from './users-controller';
import { UsersService } from './users-service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, Sessions, RequestTimings],
  exports: [UsersService],
})
export class UsersModule {}
