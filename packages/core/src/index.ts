// @corbel/core's public API; this file only re-exports.
import 'reflect-metadata';

export { App, type ErrorExplanation } from './application/app';
export type { AppOptions, ModuleAppOptions } from './application/app-options';
export { createApp } from './application/create-app';
export { Catch } from './decorators/catch';
export { Controller } from './decorators/controller';
export { createParamDecorator } from './decorators/create-param-decorator';
export { All, Delete, Get, Head, Options, Patch, Post, Put } from './decorators/http-methods';
export { Inject } from './decorators/inject';
export { Injectable } from './decorators/injectable';
export { Module } from './decorators/module';
export { Body, Cookie, type FieldOptions, Headers, Param, Query, Req } from './decorators/parameters';
export { Header, HttpCode } from './decorators/response-options';
export { Returns, type ReturnsOptions } from './decorators/returns';
export { SerializeOptions } from './decorators/serialize-options';
export { SetMetadata } from './decorators/set-metadata';
export { Throws } from './decorators/throws';
export { UseFilters } from './decorators/use-filters';
export { UseGuards } from './decorators/use-guards';
export { UseInterceptors } from './decorators/use-interceptors';
export { UseMiddleware } from './decorators/use-middleware';
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
export { type ResponseValidationEntry, ResponseValidationError } from './exceptions/response-validation-error';
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
export { CorbelRequest, type QueryRecord } from './http/request';
export { html, json, type ResponseBody, ResponseValue, redirect, text } from './http/response';
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
export type { SerializationOptions } from './metadata/serialization-metadata';
export type { ExecutionContext, MetadataKey } from './pipeline/execution-context';
export type { CanActivate, GuardReference } from './pipeline/guard';
export type { HandlerStageOptions, HandlerStages, StageScope } from './pipeline/handler-stages';
export type { CallNext, Interceptor, InterceptorReference } from './pipeline/interceptor';
export type { Middleware, MiddlewareFunction, MiddlewareReference } from './pipeline/middleware';
export type { CorbelPlugin, PluginContext } from './plugins/plugin';
export { createJsonSerializer, type JsonSerializer } from './serialization/json-serializer';
export { type DtoCheck, type DtoValidator, isDtoClass } from './validation/dto-validator';
export type { ValidationSettings } from './validation/validation-options';
