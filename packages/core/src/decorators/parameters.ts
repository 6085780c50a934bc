// @Param, @Query, @Headers, @Cookie, @Body, @Req: where each handler argument comes from.
import { defineParameter, type ParameterSource, type ParameterType } from '../metadata/parameter-metadata';

/** Options for a named query, header, cookie or body field. */
export interface FieldOptions {
  /** Missing and required: a validation error `{ type: 'missing', msg: 'Field required' }`. */
  readonly required?: boolean;
  /** Missing: this value is passed instead (not converted). */
  readonly default?: unknown;
  /** A DTO class, or `[Dto]` for an array of them, when the declared type cannot say it. */
  readonly type?: ParameterType;
}

/** Options of @Cookie: a field's, plus `signed`. */
export interface CookieFieldOptions extends FieldOptions {
  /** Only a value whose signature one of the app's `cookies.secret` checks; a tampered or unsigned one is missing. */
  readonly signed?: boolean;
}

function parameterDecorator(source: ParameterSource, name: string | undefined, options: CookieFieldOptions = {}) {
  const decorator: ParameterDecorator = (target, propertyKey, index) => {
    // On a constructor parameter there is no handler to bind; injection (@Inject) owns those.
    if (propertyKey === undefined) return;
    defineParameter(target, String(propertyKey), {
      index,
      source,
      name,
      required: options.required,
      hasDefault: 'default' in options,
      defaultValue: options.default,
      type: options.type,
      ...(options.signed === undefined ? {} : { signed: options.signed }),
    });
  };
  return decorator;
}

/**
 * A path parameter (converted to the declared `number`/`boolean`/`string`), or all of them without a name.
 * @example @Get('/:id') findOne(@Param('id') id: number) {}
 */
export function Param(name?: string, options: Pick<FieldOptions, 'type'> = {}): ParameterDecorator {
  return parameterDecorator('path', name, options);
}

/**
 * A query parameter, or the whole query record (or a DTO) without a name.
 * @example @Get() list(@Query('page', { default: 1 }) page: number, @Query('q') q?: string) {}
 */
export function Query(name?: string, options?: FieldOptions): ParameterDecorator {
  return parameterDecorator('query', name, options);
}

/**
 * A request header (the name is case-insensitive), or all headers without a name.
 * @example @Get() me(@Headers('X-Api-Key', { required: true }) key: string) {}
 */
export function Headers(name?: string, options?: FieldOptions): ParameterDecorator {
  return parameterDecorator('header', name?.toLowerCase(), options);
}

/**
 * A cookie, or all cookies without a name. `signed: true` gives only a value the app signed (`request.setCookie(…,
 * { signed: true })`): a tampered or unsigned one is treated as missing, so `required: true` answers 422.
 * @example @Get() session(@Cookie('sid') sid?: string, @Cookie('uid', { signed: true, required: true }) uid: string) {}
 */
export function Cookie(name?: string, options?: CookieFieldOptions): ParameterDecorator {
  return parameterDecorator('cookie', name, options);
}

/**
 * The parsed body, or one of its fields. Arrays of DTOs are declared with `type: [ItemDto]`.
 * @example
 * @Post() create(@Body() dto: CreateUserDto) {}
 * @Post('/batch') createMany(@Body({ type: [CreateUserDto] }) users: CreateUserDto[]) {}
 * @Post('/invite') invite(@Body('email') email: string) {}
 */
export function Body(field?: string | FieldOptions, options?: FieldOptions): ParameterDecorator {
  if (typeof field === 'string') return parameterDecorator('body', field, options);
  return parameterDecorator('body', undefined, field ?? options);
}

/**
 * The framework's request object: method, url, path, params, query, headers, cookies, body.
 * @example @All('/debug') debug(@Req() request: CorbelRequest) { return request.headers; }
 */
export function Req(): ParameterDecorator {
  return parameterDecorator('request', undefined);
}
