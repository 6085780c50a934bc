// samples/hello: a users controller showing injection, a roles guard, a timing interceptor, conversion and text.
import {
  Controller,
  Delete,
  Get,
  HTTPNotFound,
  HttpCode,
  Param,
  Query,
  Redirect,
  Returns,
  SetMetadata,
  Throws,
  UseGuards,
  UseInterceptors,
} from '@corbel/core';
import { AuthGuard } from './auth-guard';
import { RequestTimings } from './request-timings';
import { TimingInterceptor } from './timing-interceptor';
import { UserDto } from './user-dto';
import { type User, UsersService } from './users-service';

@Controller('/users')
@UseGuards(AuthGuard)
@UseInterceptors(TimingInterceptor)
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly timings: RequestTimings,
  ) {}

  /** GET /users?name=ada — the optional query parameter filters by name. */
  @Get()
  @Returns([UserDto])
  list(@Query('name', { description: 'Part of the name, any case', example: 'ada' }) name?: string): User[] {
    return this.users.list(name);
  }

  /** GET /users/timings — how long each handler last took, as TimingInterceptor measured it. */
  @Get('/timings')
  timingsOf(): Record<string, number> {
    return this.timings.latest();
  }

  /** GET /users/1 — `id` arrives as a number; '/users/abc' is a 404 through the validation rules. */
  @Get('/:id')
  @Returns(UserDto)
  @Throws(HTTPNotFound, 'No such user')
  findOne(@Param('id', { description: 'The user id', example: 1 }) id: number): User {
    return this.users.find(id);
  }

  /** GET /users/1/greeting — a string is sent as text/plain. */
  @Get('/:id/greeting')
  @Returns(String)
  @Throws(HTTPNotFound, 'No such user')
  greet(@Param('id') id: number): string {
    return `Hello, ${this.users.find(id).name}!`;
  }

  /** GET /users/me — a thrown Redirect answers 302 with a Location header. */
  @Get('/me')
  me(): never {
    throw new Redirect('/users/1');
  }

  /** DELETE /users/2 with `Authorization: Bearer ada-token` — admins only: 401 without a token, 403 without the role. */
  @Delete('/:id')
  @SetMetadata('roles', ['admin'])
  @HttpCode(204)
  @Throws(401, 'No bearer token')
  @Throws(HTTPNotFound, 'No such user')
  remove(@Param('id') id: number): void {
    this.users.remove(id);
  }
}
