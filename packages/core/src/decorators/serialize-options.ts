// @SerializeOptions: class-transformer's options for a controller's or a method's answers.
import { defineSerializeOptions, type SerializationOptions } from '../metadata/serialization-metadata';

/**
 * Sets class-transformer's options for the answers of a controller (or gateway) or one of its methods. Options
 * merge key by key over `createApp({ serialization })`: the method's over the class's over the app's.
 * @example
 * @Controller('/admin/users') @SerializeOptions({ groups: ['admin'] })
 * class AdminUsersController {
 *   @Get('/:id') @SerializeOptions({ excludePrefixes: ['_'] }) findOne(@Param('id') id: number) {}
 * }
 */
export function SerializeOptions(options: SerializationOptions): ClassDecorator & MethodDecorator {
  return (target: object, propertyKey?: string | symbol) => {
    if (propertyKey === undefined) defineSerializeOptions(target, undefined, options);
    else defineSerializeOptions(target, String(propertyKey), options);
  };
}
