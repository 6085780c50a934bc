// Read-only descriptions of the compiled routes, for plugins that document or inspect them (as @corbel/openapi does).
import type { FilterTable } from '../filters/filter-table';
import type { Constructor } from '../metadata/constructor';
import type { ParameterDefinition, ParameterSource } from '../metadata/parameter-metadata';
import type { ReturnsDefinition, ThrowsDefinition } from '../metadata/response-metadata';
import type { UploadParameter } from '../uploads/upload-plan';

/** One bound handler parameter (@Param, @Query, @Headers, @Cookie, @Body, @Req), as the binder reads it. */
export interface RouteParameterDescription {
  /** The argument's position in the handler. */
  readonly index: number;
  /** Where the value comes from; `request` is @Req (the whole request). */
  readonly source: ParameterSource;
  /** The field read (header names lowercased); undefined for the whole record (`@Query() dto`, `@Body()`). */
  readonly name: string | undefined;
  /** The `type` option if given, else TypeScript's declared type (`Number`, `String`, `Array`, a DTO class…). */
  readonly type: unknown;
  /** `{ required: true }`: a missing value is a validation error. */
  readonly required: boolean;
  readonly hasDefault: boolean;
  /** The `default` option, passed when the value is missing. */
  readonly defaultValue: unknown;
  readonly description: string | undefined;
  readonly example: unknown;
}

/**
 * One @UploadedFile or @UploadedFiles parameter, with its options as the upload plan checked them.
 * @example
 * const [avatar] = app.describe().routes.find((each) => each.handler === 'create')?.uploads ?? [];
 * avatar; // { index: 0, kind: 'file', field: 'avatar', required: true, maxSize: 1048576, mimeTypes: ['image/png'], maxCount: undefined }
 */
export interface RouteUploadDescription {
  /** The argument's position in the handler. */
  readonly index: number;
  /** `file`: one file (@UploadedFile); `files`: an array (@UploadedFiles). */
  readonly kind: 'file' | 'files';
  /** The form field the files come in; undefined for `@UploadedFiles()`, which takes every file of the body. */
  readonly field: string | undefined;
  /** A missing file is a 422: the `required` option, else true for @UploadedFile and false for @UploadedFiles. */
  readonly required: boolean;
  /** The `maxSize` option in bytes (a larger file is a 413); undefined when only `uploads.fileSize` applies. */
  readonly maxSize: number | undefined;
  /** The `mimeTypes` option as declared (`['image/png', 'image/*']`); undefined when any type is taken. */
  readonly mimeTypes: readonly string[] | undefined;
  /** The `maxCount` option of @UploadedFiles (more files are a 413). */
  readonly maxCount: number | undefined;
}

/**
 * A compiled route: its final method and path and everything the request handler decided about it at start-up.
 * @example
 * const route = app.describe().routes.find((each) => each.handler === 'findOne');
 * route?.filters.resolve(new HTTPNotFound()).name; // the filter that answers its 404s
 */
export interface RouteDescription {
  /** As registered: `GET`, `POST`, … or `ALL` (@All). */
  readonly method: string;
  /** The final path, in the router's syntax (`/users/:id`): prefixes and versions already applied. */
  readonly path: string;
  readonly controller: Constructor;
  /** The handler method's name. */
  readonly handler: string;
  /** The status of a successful answer: @HttpCode, else 201 for POST, else 200. */
  readonly status: number;
  /** @HttpCode when declared (it also applies to an empty result, instead of 204). */
  readonly declaredStatus: number | undefined;
  /** The bound parameters, by position; custom parameter decorators are not listed. */
  readonly parameters: readonly RouteParameterDescription[];
  /** True when the route reads a request body (@Body, @Req or an upload parameter): 400, 413 and 415 can answer. */
  readonly readsBody: boolean;
  /** The @UploadedFile/@UploadedFiles parameters, by position; empty for a route that takes no files. */
  readonly uploads: readonly RouteUploadDescription[];
  /** True for an @Sse route: a GET answered as a `text/event-stream`. */
  readonly isEventStream: boolean;
  /** True when any guard (global, controller or method) runs before the handler: a refusal answers 403. */
  readonly hasGuards: boolean;
  /** The handler's @Returns declarations, in the order written. */
  readonly returns: readonly ReturnsDefinition[];
  /** The handler's @Throws declarations, in the order written. */
  readonly throws: readonly ThrowsDefinition[];
  /** The route's filter table: `filters.resolve(error)` is the entry that answers `error` at run time. */
  readonly filters: FilterTable;
}

/** What a route is, apart from where it is mounted: the request handler's data, read once when asked. */
export type RouteDetails = Omit<RouteDescription, 'method' | 'path'>;

/** What the binder knows of each parameter, in the description's terms. */
export function describeParameters(
  parameters: readonly ParameterDefinition[],
  declaredTypes: readonly unknown[] | undefined,
): RouteParameterDescription[] {
  return parameters.map((parameter) =>
    Object.freeze({
      index: parameter.index,
      source: parameter.source,
      name: parameter.name,
      type: parameter.type ?? declaredTypes?.[parameter.index],
      required: parameter.required === true,
      hasDefault: parameter.hasDefault === true,
      defaultValue: parameter.defaultValue,
      description: parameter.description,
      example: parameter.example,
    }),
  );
}

/** What the upload plan checked of each upload parameter, in the description's terms. */
export function describeUploads(parameters: readonly UploadParameter[]): RouteUploadDescription[] {
  return parameters.map((parameter) =>
    Object.freeze({
      index: parameter.index,
      kind: parameter.kind,
      field: parameter.field,
      required: parameter.required,
      maxSize: parameter.maxSize,
      mimeTypes: parameter.mimeTypes?.patterns,
      maxCount: parameter.maxCount,
    }),
  );
}
