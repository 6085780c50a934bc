// The contract of a pipe: transforms (or refuses) one handler argument after Corbel has converted and validated it.
import type { AnyClass, Constructor } from '../metadata/constructor';

/**
 * What a pipe is told about the argument: where it comes from (`'param'` for the path, `'query'`, `'body'`, and
 * `'custom'` for headers, cookies and `createParamDecorator` values, as in NestJS), its declared type, and the name
 * given to the decorator.
 * @example transform(value: string, metadata: ArgumentMetadata) { if (metadata.type === 'query') return value.trim(); return value; }
 */
export interface ArgumentMetadata {
  readonly type: 'param' | 'query' | 'body' | 'custom';
  readonly metatype?: AnyClass<unknown> | undefined;
  readonly data?: string | undefined;
}

/**
 * A pipe: `transform` returns the value the handler gets (or a promise of it). Throwing a `RequestValidationError`
 * adds its entries to the parameter's (a path failure answers 404, any other 422); throwing an `HTTPException`
 * answers with it.
 * @example
 * class TrimPipe implements PipeTransform<string, string> {
 *   transform(value: string) { return value.trim(); }
 * }
 */
export interface PipeTransform<T = unknown, R = unknown> {
  transform(value: T, metadata: ArgumentMetadata): R | Promise<R>;
}

/**
 * A pipe class (instantiated once, with injection, in the controller's module) or a ready instance.
 * @example @Param('id', ParseIntPipe) id: number; @Query('page', new DefaultValuePipe(1)) page: number
 */
export type PipeReference = Constructor<PipeTransform> | PipeTransform;
