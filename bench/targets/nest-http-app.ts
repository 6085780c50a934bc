// The NestJS application shared by the platform-fastify and platform-express targets: same module, pipes and filters.
import 'reflect-metadata';
import {
  type ArgumentsHost,
  Body,
  Catch,
  ClassSerializerInterceptor,
  Controller,
  type ExceptionFilter,
  Get,
  type INestApplication,
  Module,
  NotFoundException,
  Param,
  ParseIntPipe,
  Post,
  SerializeOptions,
  UseInterceptors,
  ValidationPipe,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CreateUserDto } from './create-user-dto.js';
import { UserDto, UserEntity } from './nest-user.js';
import { ValueError } from './value-error.js';

// ParseIntPipe on `id`: Corbel, Fastify and raw all refuse an id that is not a number, so Nest does that work too.
@Controller('users')
class UsersController {
  @Get(':id')
  findOne(@Param('id', ParseIntPipe) id: number): { id: number; name: string } {
    return { id, name: 'Ada' };
  }

  @Post()
  create(@Body() dto: CreateUserDto): CreateUserDto & { id: number } {
    return { ...dto, id: 1 };
  }
}

// Scenario E the way Nest's docs do it: ClassSerializerInterceptor turns the entity into a plain object without the
// @Exclude()d password. On this controller only, so scenarios A–D do not pay for it.
@Controller('entities')
@UseInterceptors(ClassSerializerInterceptor)
class EntitiesController {
  @Get(':id')
  findOne(@Param('id', ParseIntPipe) id: number): UserEntity {
    return new UserEntity(id, 'Ada', 'ada@example.com', 'hunter2');
  }
}

// Scenario F: Nest's nearest to a declared answer type, the interceptor building UserDto and sending its @Expose()s.
@Controller('declared')
@UseInterceptors(ClassSerializerInterceptor)
class DeclaredController {
  @Get(':id')
  @SerializeOptions({ type: UserDto, excludeExtraneousValues: true })
  findOne(@Param('id', ParseIntPipe) id: number): UserDto {
    return { id, name: 'Ada' };
  }
}

@Controller('missing')
class MissingController {
  @Get(':id')
  findOne(@Param('id', ParseIntPipe) id: number): never {
    throw new NotFoundException(`User ${id} not found`);
  }
}

// Replies through the adapter so one filter serves both platforms, as Nest's docs advise.
@Catch(ValueError)
class ValueErrorFilter implements ExceptionFilter {
  readonly #adapterHost: HttpAdapterHost;

  constructor(adapterHost: HttpAdapterHost) {
    this.#adapterHost = adapterHost;
  }

  catch(error: ValueError, host: ArgumentsHost): void {
    this.#adapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), { error: error.message }, 400);
  }
}

/** The module both Nest HTTP targets boot. */
@Module({ controllers: [UsersController, EntitiesController, DeclaredController, MissingController] })
export class AppModule {}

/** Applies what Corbel does by default: DTO validation into an instance of the DTO class, and the user filter. */
export function configureNestApp(app: INestApplication): void {
  app.useGlobalPipes(new ValidationPipe({ transform: true }));
  app.useGlobalFilters(new ValueErrorFilter(app.get(HttpAdapterHost)));
}
