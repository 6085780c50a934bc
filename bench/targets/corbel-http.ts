// Corbel HTTP target: the UsersController, a throwing controller and one unrelated user filter.
import 'reflect-metadata';
import {
  Body,
  Catch,
  Controller,
  createApp,
  Get,
  HTTPNotFound,
  json,
  Param,
  Post,
  Returns,
} from '../../packages/core/dist/index.js';
import { announceReady, resolvePort, resolveRouteCount } from '../lib/target-channel.js';
import { createPaddingControllers } from './corbel-padding.js';
import { UserDto, UserEntity } from './corbel-user.js';
import { CreateUserDto } from './create-user-dto.js';
import { ValueError } from './value-error.js';

// The routes of the scenarios in lib/scenarios.js; padding routes make up the rest of BENCH_ROUTES.
const SCENARIO_ROUTES = 5;

@Controller('/users')
class UsersController {
  @Get('/:id')
  findOne(@Param('id') id: number): { id: number; name: string } {
    return { id, name: 'Ada' };
  }

  @Post()
  create(@Body() dto: CreateUserDto): CreateUserDto & { id: number } {
    return { ...dto, id: 1 };
  }
}

// Scenario E: the entity is answered by class-transformer's rules, on by default; nothing to configure.
@Controller('/entities')
class EntitiesController {
  @Get('/:id')
  findOne(@Param('id') id: number): UserEntity {
    return new UserEntity(id, 'Ada', 'ada@example.com', 'hunter2');
  }
}

// Scenario F: scenario A's route with a declared answer type, written by the serializer compiled for UserDto.
@Controller('/declared')
class DeclaredController {
  @Get('/:id')
  @Returns(UserDto)
  findOne(@Param('id') id: number): UserDto {
    return { id, name: 'Ada' };
  }
}

@Controller('/missing')
class MissingController {
  @Get('/:id')
  findOne(@Param('id') id: number): never {
    throw new HTTPNotFound(`User ${id} not found`);
  }
}

// Never matches in any scenario; it is here so the 404 path resolves through a registry holding a user filter.
@Catch(ValueError)
class ValueErrorFilter {
  catch(error: ValueError) {
    return json({ error: error.message }, 400);
  }
}

/** The benchmarked app, also loaded in-process by bench/micro.js. */
export function createBenchApp(routeCount: number) {
  const padding = createPaddingControllers(routeCount - SCENARIO_ROUTES);
  return createApp({
    // Padding first, so a router that scans routes in order pays for all of them before reaching /users/:id.
    controllers: [...padding, UsersController, EntitiesController, DeclaredController, MissingController],
    filters: [ValueErrorFilter],
    logger: false,
  });
}

async function main(): Promise<void> {
  const app = createBenchApp(resolveRouteCount());
  const { port } = await app.listen(resolvePort());
  announceReady(port);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
