// @Param, @Query, @Headers, @Cookie, @Body, @Req: where each handler argument comes from.
import { defineParameter, type ParameterSource, type ParameterType } from '../metadata/parameter-metadata';
import { type PipeArgument, parseDecoratorArguments } from './decorator-arguments';

/** Options for a named query, header, cookie or body field. */
export interface FieldOptions {
  /**
   * Missing and required: a validation error `{ type: 'missing', msg: 'Field required' }`. Default: false, except
   * for a named field whose type is a DTO, which is required unless this says `false`.
   */
  readonly required?: boolean;
  /** Missing: this value is passed instead (not converted). */
  readonly default?: unknown;
  /** A DTO class, or `[Dto]` for an array of them, when the declared type cannot say it; or `Number`, `Boolean`, `String`. */
  readonly type?: ParameterType;
  /** A sentence about the parameter, for the API's documentation (read by `@corbel/openapi`). */
  readonly description?: string;
  /** An example value, for the API's documentation (read by `@corbel/openapi`). */
  readonly example?: unknown;
}

/**
 * The options of `@Param`: a path parameter is always required and has no default.
 * @example @Get('/:id') findOne(@Param('id', { description: 'The user id', example: 7 }) id: number) {}
 */
export type ParamOptions = Pick<FieldOptions, 'type' | 'description' | 'example'>;

/** Options of @Cookie: a field's, plus `signed`. */
export interface CookieFieldOptions extends FieldOptions {
  /** Only a value whose signature one of the app's `cookies.secret` checks; a tampered or unsigned one is missing. */
  readonly signed?: boolean;
}

const FIELD_OPTION_KEYS: readonly (keyof FieldOptions)[] = ['required', 'default', 'type', 'description', 'example'];

/**
 * The option keys each decorator understands. Any other key is recorded and refused at start-up
 * (`CORBEL_ERR_INVALID_PARAMETER`), so a typo such as `requird` never passes silently. To teach a decorator an
 * option, add its key here (and read it where the parameter is compiled).
 */
export const PARAMETER_OPTION_KEYS: Readonly<Record<ParameterSource, readonly string[]>> = {
  path: ['type', 'description', 'example'],
  query: FIELD_OPTION_KEYS,
  header: FIELD_OPTION_KEYS,
  cookie: [...FIELD_OPTION_KEYS, 'signed'],
  body: FIELD_OPTION_KEYS,
  request: [],
};

function parameterDecorator(source: ParameterSource, args: readonly unknown[]): ParameterDecorator {
  const { name, options, unknownOptions, pipes } = parseDecoratorArguments(
    args,
    PARAMETER_OPTION_KEYS[source],
    source !== 'request',
  );
  const decorator: ParameterDecorator = (target, propertyKey, index) => {
    // On a constructor parameter there is no handler to bind; injection (@Inject) owns those.
    if (propertyKey === undefined) return;
    defineParameter(target, String(propertyKey), {
      index,
      source,
      name: source === 'header' ? name?.toLowerCase() : name,
      required: options.required as boolean | undefined,
      hasDefault: 'default' in options,
      defaultValue: options.default,
      type: options.type as ParameterType | undefined,
      description: options.description as string | undefined,
      example: options.example,
      unknownOptions,
      pipes,
      ...(options.signed === undefined ? {} : { signed: options.signed as boolean }),
    });
  };
  return decorator;
}

/**
 * A path parameter (converted to the declared `number`/`boolean`/`string`), or all of them without a name.
 * @example
 * @Get('/:id') findOne(@Param('id', { description: 'The user id', example: 7 }) id: number) {}
 */
export function Param(name?: string, options?: ParamOptions): ParameterDecorator;
/** With pipes after the name (and the options), as in NestJS: `(name, ParseIntPipe)`, `(name, options, pipe)`. */
export function Param(name: string | undefined, ...pipes: PipeArgument[]): ParameterDecorator;
export function Param(name: string | undefined, options: ParamOptions, ...pipes: PipeArgument[]): ParameterDecorator;
/** Only pipes, for the whole record: `@Param(new ValidationPipe())`. */
export function Param(...pipes: PipeArgument[]): ParameterDecorator;
export function Param(...args: unknown[]): ParameterDecorator {
  return parameterDecorator('path', args);
}

/**
 * A query parameter, or the whole query record (or a DTO) without a name.
 * @example @Get() list(@Query('page', { default: 1 }) page: number, @Query('q') q?: string) {}
 */
export function Query(name?: string, options?: FieldOptions): ParameterDecorator;
/** With pipes after the name (and the options), as in NestJS: `(name, ParseIntPipe)`, `(name, options, pipe)`. */
export function Query(name: string | undefined, ...pipes: PipeArgument[]): ParameterDecorator;
export function Query(name: string | undefined, options: FieldOptions, ...pipes: PipeArgument[]): ParameterDecorator;
/** Only pipes, for the whole record: `@Query(new ValidationPipe())`. */
export function Query(...pipes: PipeArgument[]): ParameterDecorator;
export function Query(...args: unknown[]): ParameterDecorator {
  return parameterDecorator('query', args);
}

/**
 * A request header (the name is case-insensitive), or all headers without a name.
 * @example @Get() me(@Headers('X-Api-Key', { required: true }) key: string) {}
 */
export function Headers(name?: string, options?: FieldOptions): ParameterDecorator;
/** With pipes after the name (and the options), as in NestJS: `(name, ParseIntPipe)`, `(name, options, pipe)`. */
export function Headers(name: string | undefined, ...pipes: PipeArgument[]): ParameterDecorator;
export function Headers(name: string | undefined, options: FieldOptions, ...pipes: PipeArgument[]): ParameterDecorator;
/** Only pipes, for the whole record: `@Headers(new ValidationPipe())`. */
export function Headers(...pipes: PipeArgument[]): ParameterDecorator;
export function Headers(...args: unknown[]): ParameterDecorator {
  return parameterDecorator('header', args);
}

/**
 * A cookie, or all cookies without a name. `signed: true` gives only a value the app signed (`request.setCookie(…,
 * { signed: true })`): a tampered or unsigned one is treated as missing, so `required: true` answers 422.
 * @example @Get() session(@Cookie('sid') sid?: string, @Cookie('uid', { signed: true, required: true }) uid: string) {}
 */
export function Cookie(name?: string, options?: CookieFieldOptions): ParameterDecorator;
/** With pipes after the name (and the options), as in NestJS: `(name, ParseIntPipe)`, `(name, options, pipe)`. */
export function Cookie(name: string | undefined, ...pipes: PipeArgument[]): ParameterDecorator;
export function Cookie(
  name: string | undefined,
  options: CookieFieldOptions,
  ...pipes: PipeArgument[]
): ParameterDecorator;
/** Only pipes, for the whole record: `@Cookie(new ValidationPipe())`. */
export function Cookie(...pipes: PipeArgument[]): ParameterDecorator;
export function Cookie(...args: unknown[]): ParameterDecorator {
  return parameterDecorator('cookie', args);
}

/**
 * The parsed body, or one of its fields. Arrays of DTOs are declared with `type: [ItemDto]`. A named field whose
 * type is a DTO is required unless `{ required: false }`.
 * @example
 * @Post() create(@Body() dto: CreateUserDto) {}
 * @Post('/batch') createMany(@Body({ type: [CreateUserDto] }) users: CreateUserDto[]) {}
 * @Post('/invite') invite(@Body('email') email: string) {}
 */
export function Body(field?: string | FieldOptions, options?: FieldOptions): ParameterDecorator;
/** With pipes after the name (and the options), as in NestJS: `(name, ParseIntPipe)`, `(name, options, pipe)`. */
export function Body(field: string | undefined, ...pipes: PipeArgument[]): ParameterDecorator;
export function Body(field: string | undefined, options: FieldOptions, ...pipes: PipeArgument[]): ParameterDecorator;
/** Only pipes, for the whole record: `@Body(new ValidationPipe())`. */
export function Body(...pipes: PipeArgument[]): ParameterDecorator;
export function Body(...args: unknown[]): ParameterDecorator {
  return parameterDecorator('body', args);
}

/**
 * The framework's request object: method, url, path, params, query, headers, cookies, body. It takes no arguments.
 * @example @All('/debug') debug(@Req() request: CorbelRequest) { return request.headers; }
 */
export function Req(...args: never[]): ParameterDecorator {
  return parameterDecorator('request', args);
}
