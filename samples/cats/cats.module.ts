// samples/cats: the cats feature as NestJS writes it: a module whose configure() applies the auth middleware.
import { type MiddlewareConsumer, Module, type NestModule } from '@corbel/core';
import { CatsController } from './cats.controller';
import { CatsService } from './cats.service';
import { AuthMiddleware } from './common/auth.middleware';

@Module({
  controllers: [CatsController],
  providers: [CatsService],
})
export class CatsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuthMiddleware).forRoutes(CatsController);
  }
}
