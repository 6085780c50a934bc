// @corbel/core's public API; this file only re-exports.
import 'reflect-metadata';

export { App, type ErrorExplanation } from './application/app';
export type { AppOptions, ModuleAppOptions } from './application/app-options';
export { createApp } from './application/create-app';
export { Catch } from './decorators/catch';
export { Controller } from './decorators/controller';
export { Cors } from './decorators/cors';
export { createParamDecorator } from './decorators/create-param-decorator';
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
  Query,
  Req,
} from './decorators/parameters';
export { Header, HttpCode } from './decorators/response-options';
export { Returns, type ReturnsOptions } from './decorators/returns';
export { SetMetadata } from './decorators/set-metadata';
export { Throws } from './decorators/throws';
export { UseFilters } from './decorators/use-filters';
export { UseGuards } from './decorators/use-guards';
export { UseInterceptors } from './decorators/use-interceptors';
export { UseMiddleware } from './decorators/use-middleware';
export { Version } from './decorators/version';
export { CorbelError } from './errors/corbel-error';
export { type ErrorCode, ErrorCodes } from './errors/error-codes';
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
export {
  type ParameterLocation,
  RequestValidationError,
  type ValidationErrorEntry,
} from './exceptions/request-validation-error';
export { WebSocketClose } from './exceptions/websocket-close';
export { WebSocketDisconnect } from './exceptions/websocket-disconnect';
export { WebSocketException } from './exceptions/websocket-exception';
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
export type { CompressionOptions, Encoding } from './http/compression';
export type { CookieSettings } from './http/cookie-signer';
export type { CorsOptions, CorsOriginEntry, CorsOriginFunction } from './http/cors';
export { CorbelRequest, type QueryRecord } from './http/request';
export { html, json, type ResponseBody, ResponseValue, redirect, text } from './http/response';
export type { HelmetOptions } from './http/security-headers';
export type { SetCookieOptions } from './http/set-cookie-options';
export type { VersioningOptions } from './http/versioning';
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
export type { ParameterType } from './metadata/parameter-metadata';
export type { ReturnsDefinition, ReturnsType, ThrowsDefinition } from './metadata/response-metadata';
export type { ExecutionContext, MetadataKey } from './pipeline/execution-context';
export type { CanActivate, GuardReference } from './pipeline/guard';
export type { HandlerStageOptions, HandlerStages, StageScope } from './pipeline/handler-stages';
export type { CallNext, Interceptor, InterceptorReference } from './pipeline/interceptor';
export type { Middleware, MiddlewareFunction, MiddlewareReference } from './pipeline/middleware';
export type { CorbelPlugin, PluginContext, UnmatchedHandler } from './plugins/plugin';
export { type ServeStaticOptions, serveStatic } from './static-files/serve-static';
export { type DtoCheck, type DtoValidator, isDtoClass } from './validation/dto-validator';
export type { ValidationSettings } from './validation/validation-options';
