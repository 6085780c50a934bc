// @Get, @Post, … : declare a method as the handler of a method and path.
import type { Constructor } from '../metadata/constructor';
import { defineRoute, type RouteMethod } from '../metadata/route-metadata';

function routeDecorator(method: RouteMethod) {
  return (path = ''): MethodDecorator =>
    (target, propertyKey) => {
      defineRoute(target.constructor as Constructor, { method, path, handlerName: String(propertyKey) });
    };
}

/**
 * Handles `GET` on the path (joined to the controller's prefix; `:name` declares a path parameter).
 * A GET route also answers `HEAD`, without a body, unless a @Head route is declared for the same path.
 * @example @Get('/:id') findOne(@Param('id') id: number) { return { id }; }
 */
export const Get = routeDecorator('GET');
/**
 * Handles `POST`; answers 201 unless @HttpCode says otherwise (as in NestJS).
 * @example @Post() create(@Body() dto: CreateUserDto) { return this.users.create(dto); }
 */
export const Post = routeDecorator('POST');
/** Handles `PUT`. @example @Put('/:id') replace(@Param('id') id: number, @Body() dto: UserDto) {} */
export const Put = routeDecorator('PUT');
/** Handles `PATCH`. @example @Patch('/:id') update(@Param('id') id: number, @Body() dto: PatchDto) {} */
export const Patch = routeDecorator('PATCH');
/** Handles `DELETE`. @example @Delete('/:id') remove(@Param('id') id: number) {} */
export const Delete = routeDecorator('DELETE');
/** Handles `HEAD`. @example @Head('/:id') exists(@Param('id') id: number) {} */
export const Head = routeDecorator('HEAD');
/** Handles `OPTIONS`. @example @Options() describe() { return { methods: ['GET'] }; } */
export const Options = routeDecorator('OPTIONS');
/** Handles every method on the path. @example @All('/echo') echo(@Req() req: CorbelRequest) { return req.method; } */
export const All = routeDecorator('ALL');
