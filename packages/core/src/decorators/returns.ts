// @Returns: what a handler (or a filter's catch) answers, read once at start-up.
import { defineReturns, type ReturnsType } from '../metadata/response-metadata';

/** Options of `@Returns`. */
export interface ReturnsOptions {
  /** The status this type is answered with (default: the route's success status). */
  readonly status?: number;
  /** A sentence for the API's documentation. */
  readonly description?: string;
}

/**
 * Declares the type a handler answers with, optionally for one status; repeatable for several statuses. On a
 * filter's `catch`, it declares the body that filter sends.
 * @example
 * @Get('/:id') @Returns(UserDto) findOne(@Param('id') id: number) { return this.users.get(id); }
 * @Post() @Returns(UserDto, { status: 201, description: 'Created' }) create(@Body() dto: CreateUserDto) {}
 * @Get() @Returns([UserDto]) list() { return this.users.all(); }
 */
export function Returns(type: ReturnsType, options: ReturnsOptions = {}): MethodDecorator {
  return (target, propertyKey) => {
    defineReturns(target, String(propertyKey), { type, status: options.status, description: options.description });
  };
}
