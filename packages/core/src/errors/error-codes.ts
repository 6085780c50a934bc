// The one catalogue of start-up error codes: a framework misuse is reported at createApp, never on a request.

/** Every code a `CorbelError` may carry, with what it means. Codes are stable: tests and users match on them. */
export const ErrorCodes = {
  CORBEL_ERR_DUPLICATE_ROUTE: 'the same method and path are declared twice',
  CORBEL_ERR_UNKNOWN_PATH_PARAM: "@Param('name') on a route whose path has no ':name'",
  CORBEL_ERR_NOT_A_CONTROLLER: 'a class given in `controllers` has no @Controller',
  CORBEL_ERR_NOT_A_FILTER: 'a class or object given as a filter has no @Catch or no catch() method',
  CORBEL_ERR_DUPLICATE_FILTER: 'two filters claim the same key in the same scope',
  CORBEL_ERR_INVALID_ROUTE_OPTION: 'a route decorator got an option it cannot use (status, header, path)',
  CORBEL_ERR_INVALID_PARAMETER: 'a parameter decorator cannot be bound as declared',
  CORBEL_ERR_INVALID_PLUGIN: 'an entry of `plugins` is not a Corbel plugin',
  CORBEL_ERR_NOT_A_GATEWAY: 'a class given in `webSockets({ gateways })` has no @WebSocketGateway',
  CORBEL_ERR_INVALID_GATEWAY: 'a gateway or a `webSockets()` option is declared in a way that cannot be served',
  CORBEL_ERR_UNKNOWN_PROVIDER: 'a constructor parameter asks for a token no provider visible in its module gives',
  CORBEL_ERR_DEPENDENCY_CYCLE: 'providers depend on each other in a cycle, so none of them can be built first',
  CORBEL_ERR_UNRESOLVABLE_TYPE: 'a constructor parameter typed as an interface, `Object` or a primitive has no @Inject',
  CORBEL_ERR_INVALID_PROVIDER: 'a `providers` entry is not a class nor { provide, useValue | useClass | useFactory }',
  CORBEL_ERR_INVALID_MODULE: 'an import is not a @Module, or a module exports a token it neither provides nor imports',
  CORBEL_ERR_INVALID_PIPELINE_STAGE: 'a guard, interceptor or middleware lacks canActivate(), intercept() or use()',
  CORBEL_ERR_INVALID_RESPONSE_TYPE:
    'a @Returns type is not a DTO class (or [Dto]) with declared properties, or is ambiguous',
  CORBEL_ERR_INVALID_SERIALIZATION:
    '@SerializeOptions or createApp({ serialization, responseValidation }) got an option it cannot use',
} as const;

/** One of the catalogue's codes. */
export type ErrorCode = keyof typeof ErrorCodes;
