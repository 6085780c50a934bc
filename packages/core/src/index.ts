// @corbel/core's public API; this file only re-exports.
import 'reflect-metadata';

export { App, type ErrorExplanation } from './application/app';
export type { AppOptions, ModuleAppOptions } from './application/app-options';
export {
  ApplicationContext,
  type ApplicationContextOptions,
  type ContextOverrides,
  createApplicationContext,
  type FlatModule,
  type GetOptions,
} from './application/application-context';
export { createApp } from './application/create-app';
export type {
  RouteDescription,
  RouteParameterDescription,
  RouteUploadDescription,
} from './application/route-description';
export {
  type Cancellation,
  forEachValue,
  isObservable,
  lastValueOf,
  type ObservableLike,
  type ObserverLike,
  type SubscriptionLike,
  toObservable,
  type Unsubscribable,
  unsubscribe,
} from './async/observable';
export { isValueSource, openValueStream, type ValueStream } from './async/value-stream';
export type { ClusterOptions, ClusterRestartOptions } from './cluster/cluster-options';
export { serveCluster } from './cluster/serve-cluster';
export { Catch } from './decorators/catch';
export { Controller } from './decorators/controller';
export { Cors } from './decorators/cors';
export { createParamDecorator } from './decorators/create-param-decorator';
export {
  type DecoratorArguments,
  type PipeArgument,
  parseDecoratorArguments,
} from './decorators/decorator-arguments';
export { All, Delete, Get, Head, Options, Patch, Post, Put } from './decorators/http-methods';
export { Inject } from './decorators/inject';
export { Injectable } from './decorators/injectable';
export { Module } from './decorators/module';
export {
  Body,
  Cookie,
  type CookieFieldOptions,
  type FieldOptions,
  Headers,
  Param,
  type ParamOptions,
  Query,
  Req,
} from './decorators/parameters';
export { Header, HttpCode } from './decorators/response-options';
export { Returns, type ReturnsOptions } from './decorators/returns';
export { SerializeOptions } from './decorators/serialize-options';
export { SetMetadata } from './decorators/set-metadata';
export { Sse } from './decorators/sse';
export { Throws } from './decorators/throws';
export {
  type DiskUploadedFile,
  type MemoryUploadedFile,
  UploadedFile,
  type UploadedFileOptions,
  UploadedFiles,
  type UploadedFilesOptions,
} from './decorators/uploaded-file';
export { UseFilters } from './decorators/use-filters';
export { UseGuards } from './decorators/use-guards';
export { UseInterceptors } from './decorators/use-interceptors';
export { UseMiddleware } from './decorators/use-middleware';
export { UsePipes } from './decorators/use-pipes';
export { Version } from './decorators/version';
export { CorbelError } from './errors/corbel-error';
export { type ErrorCode, ErrorCodes } from './errors/error-codes';
export {
  HTTPConflict,
  HTTPGone,
  HTTPMethodNotAllowed,
  HTTPNotAcceptable,
  HTTPPayloadTooLarge,
  HTTPPreconditionFailed,
  HTTPRequestTimeout,
  HTTPTooManyRequests,
  HTTPUnprocessableEntity,
  HTTPUnsupportedMediaType,
} from './exceptions/client-errors';
export type { HeaderList, HeadersInit } from './exceptions/header-list';
export {
  HTTPBadRequest,
  HTTPException,
  type HTTPExceptionStackTraces,
  HTTPForbidden,
  HTTPNotFound,
  HTTPServiceUnavailable,
  HTTPUnauthorized,
  Redirect,
} from './exceptions/http-exception';
export { HttpStatus, type HttpStatusCode } from './exceptions/http-status';
export {
  type ParameterLocation,
  RequestValidationError,
  type ValidationErrorEntry,
} from './exceptions/request-validation-error';
export { type ResponseValidationEntry, ResponseValidationError } from './exceptions/response-validation-error';
export {
  HTTPBadGateway,
  HTTPGatewayTimeout,
  HTTPInternalServerError,
  HTTPNotImplemented,
} from './exceptions/server-errors';
export { WebSocketClose } from './exceptions/websocket-close';
export { WebSocketDisconnect } from './exceptions/websocket-disconnect';
export { WebSocketException } from './exceptions/websocket-exception';
export { createWsArgumentsHost, type WsMessageReference } from './filters/arguments-host';
export type { ErrorDispatcher, FilterOutcome } from './filters/error-dispatcher';
export { statusOfError } from './filters/error-status';
export type {
  ArgumentsHost,
  ExceptionFilter,
  HttpArgumentsHost,
  RouteReference,
  WebSocketConnectionLike,
  WsArgumentsHost,
} from './filters/exception-filter';
export type { FilterRegistry } from './filters/filter-registry';
export type { FilterEntry, FilterKey, FilterScope, FilterTable } from './filters/filter-table';
export { NestCompatibleErrorFilter } from './filters/nest-compatible-error-filter';
export type { CompressionOptions, Encoding } from './http/compression';
export type { CookieSettings } from './http/cookie-signer';
export type { CorsOptions, CorsOriginEntry, CorsOriginFunction } from './http/cors';
export { CorbelRequest, type QueryRecord } from './http/request';
export { html, json, type ResponseBody, ResponseValue, redirect, text } from './http/response';
export type { HelmetOptions } from './http/security-headers';
export type { SetCookieOptions } from './http/set-cookie-options';
export type { VersioningOptions } from './http/versioning';
export { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from './injection/app-tokens';
export type { OverrideRecipe } from './injection/container';
export type { OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from './injection/lifecycle-hooks';
export type {
  ClassProvider,
  DynamicModule,
  FactoryProvider,
  InjectionToken,
  ModuleImport,
  Provider,
  ProviderScope,
  ValueProvider,
} from './injection/provider';
export type { Logger } from './logging/logger';
export type { AnyClass, Constructor } from './metadata/constructor';
export type { CatchKey, FilterReference } from './metadata/filter-metadata';
export type { ModuleMetadata } from './metadata/module-metadata';
export type { ParameterSource, ParameterType } from './metadata/parameter-metadata';
export { readMetadata, readOwnMetadata, writeMetadata } from './metadata/reflect';
export { type CreateDecoratorOptions, type ReflectableDecorator, Reflector } from './metadata/reflector';
export {
  type ReturnsDefinition,
  type ReturnsType,
  readReturns,
  readThrows,
  type ThrowsDefinition,
} from './metadata/response-metadata';
export type { RouteMethod } from './metadata/route-metadata';
export { readSerializeOptions, type SerializationOptions } from './metadata/serialization-metadata';
export type { SseOptions } from './metadata/sse-metadata';
export type { ArgumentsHostMethods, ContextType, HttpContext, WsContext } from './pipeline/argument-views';
export type { ExecutionContext, HandlerFunction, MetadataKey } from './pipeline/execution-context';
export type { CanActivate, GuardReference } from './pipeline/guard';
export type { HandlerStageOptions, HandlerStages, StageScope } from './pipeline/handler-stages';
export type {
  CallHandler,
  CallNext,
  HandledObservable,
  Interceptor,
  InterceptorReference,
} from './pipeline/interceptor';
export type { Middleware, MiddlewareFunction, MiddlewareReference } from './pipeline/middleware';
export {
  type MiddlewareConfigProxy,
  type MiddlewareConsumer,
  type NestModule,
  RequestMethod,
  type RouteInfo,
  type RouteSelector,
} from './pipeline/middleware-consumer';
export { DefaultValuePipe } from './pipes/default-value-pipe';
export { ParseArrayPipe, type ParseArrayPipeOptions } from './pipes/parse-array-pipe';
export { ParseBoolPipe } from './pipes/parse-bool-pipe';
export { type EnumLike, ParseEnumPipe } from './pipes/parse-enum-pipe';
export { ParseFloatPipe } from './pipes/parse-float-pipe';
export { ParseIntPipe } from './pipes/parse-int-pipe';
export { ParseUUIDPipe, type ParseUUIDPipeOptions, type UUIDVersion } from './pipes/parse-uuid-pipe';
export type { ParsePipeOptions } from './pipes/pipe-failure';
export type { ArgumentMetadata, PipeReference, PipeTransform } from './pipes/pipe-transform';
export { ValidationPipe, type ValidationPipeOptions } from './pipes/validation-pipe';
export type {
  AppDescription,
  CorbelPlugin,
  PluginContext,
  PluginRouteHandler,
  UnmatchedHandler,
} from './plugins/plugin';
export { createJsonSerializer, type JsonSerializer } from './serialization/json-serializer';
export type { MessageEvent } from './sse/event-format';
export type { SseSettings } from './sse/sse-settings';
export { type ServeStaticOptions, serveStatic } from './static-files/serve-static';
export type { UploadSettings } from './uploads/upload-settings';
export { type DtoCheck, type DtoValidator, isDtoClass } from './validation/dto-validator';
export type { ValidationSettings } from './validation/validation-options';
