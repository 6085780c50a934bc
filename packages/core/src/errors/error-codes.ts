// The one catalogue of framework-misuse codes: reported at createApp wherever it can be, else on the request that shows it.

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
  CORBEL_ERR_NO_TYPE_METADATA:
    'a handler parameter, DTO property or injected constructor parameter has no TypeScript type metadata (emitDecoratorMetadata)',
  CORBEL_ERR_INVALID_GUARD_RESULT:
    'a guard answered something other than a boolean (found per request, logged, and answered 500 or 1011)',
  CORBEL_ERR_INVALID_DOC: 'an `openApi()` option, a @Doc or an @Emits cannot be documented as given',
  CORBEL_ERR_INVALID_OPTION:
    'an app or feature option is unknown, mistyped or contradicts another (CORS credentials with *)',
  CORBEL_ERR_INVALID_ROOM: 'a WebSocketHub call names a room, gateway path or socket it cannot use',
  CORBEL_ERR_INVALID_ADAPTER: '`webSockets({ adapter })` or an adapter factory got something it cannot use',
  CORBEL_ERR_INVALID_CLUSTER: '`serveCluster()` got an option it cannot use',
  CORBEL_ERR_UNUSED_OVERRIDE:
    'a testing override names a provider nobody provides, a module nobody imports, or an enhancer nothing uses',
  CORBEL_ERR_MISSING_PEER_DEPENDENCY:
    'a feature needs an optional peer dependency that is not installed (rxjs, for an interceptor calling next.handle())',
  CORBEL_ERR_INVALID_RESPONSE_TYPE:
    'a @Returns type is not a DTO class (or [Dto]) with declared properties, or is ambiguous',
  CORBEL_ERR_INVALID_SERIALIZATION:
    '@SerializeOptions or createApp({ serialization, responseValidation }) got an option it cannot use',
} as const;

/** One of the catalogue's codes. */
export type ErrorCode = keyof typeof ErrorCodes;
