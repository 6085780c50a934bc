// @Version: the API versions a controller or route serves, under the app's `versioning` option.
import { defineVersions } from '../metadata/http-options-metadata';

/**
 * Serves a controller or route under one or more versions: `/v1/users` with `versioning: { type: 'uri' }`, or the
 * route a request's `X-API-Version` picks with `type: 'header'`. The method's versions replace the class's.
 * @example
 * @Controller('/users') @Version('1')
 * class UsersV1 { @Get() list() {} @Get('/:id') @Version('1', '2') findOne(@Param('id') id: number) {} }
 */
export function Version(...versions: (string | readonly string[])[]): ClassDecorator & MethodDecorator {
  const flat = versions.flat() as string[];
  return (target: object, propertyKey?: string | symbol) => {
    defineVersions(target, propertyKey === undefined ? undefined : String(propertyKey), flat);
  };
}
