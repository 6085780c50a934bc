// @Doc: documentation a user adds by hand to controllers, route methods, DTO classes and properties, and gateways.
import { type DocOptions, defineDoc } from '../metadata/doc-metadata';

/**
 * Adds documentation where the metadata cannot say it. On a controller: `tags`, `description`, `deprecated`; on a
 * route method or gateway handler: `summary`, `description`, `tags`, `deprecated`, `operationId`, `example` (of the
 * success body or the message); on a DTO class or property: `summary` (its schema's `title`), `description`,
 * `example`, `deprecated`; on a gateway
 * class: `summary`, `description`, `tags`, and the handshake's `query` and `headers` DTOs. A key where it has no
 * place is refused when the documents are built (`CORBEL_ERR_INVALID_DOC`).
 * @example
 * @Controller('/users')
 * @Doc({ tags: ['users'], description: 'User accounts' })
 * class UsersController {
 *   @Get('/:id') @Doc({ summary: 'Find a user', operationId: 'getUser' }) findOne(@Param('id') id: number) {}
 * }
 * class UserDto {
 *   @Doc({ description: 'Shown to other users', example: 'ada' }) @IsString() name!: string;
 * }
 */
export function Doc(options: DocOptions): ClassDecorator & MethodDecorator & PropertyDecorator {
  return (target: object, propertyKey?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (propertyKey === undefined) {
      defineDoc(target, undefined, { options, placement: 'class' });
      return;
    }
    const placement = descriptor === undefined ? 'property' : 'method';
    defineDoc(target, String(propertyKey), { options, placement });
  };
}
