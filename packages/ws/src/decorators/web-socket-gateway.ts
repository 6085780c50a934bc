// @WebSocketGateway: marks a class as a gateway served at a path (which may take params: '/rooms/:room').
import type { Constructor } from '@corbel/core';
import { defineGateway } from '../metadata/gateway-metadata';

/**
 * Options of @WebSocketGateway, in NestJS's shape. Only `path` is understood: any other key (NestJS's and
 * socket.io's `namespace`, `cors`, `transports`, …) is recorded and refused at start-up with
 * `CORBEL_ERR_INVALID_GATEWAY`, never ignored.
 * @example @WebSocketGateway({ path: '/chat' })
 */
export interface GatewayOptions {
  readonly path?: string;
  readonly [option: string]: unknown;
}

const GATEWAY_OPTION_KEYS: readonly string[] = ['path'];

function isOptionsObject(value: unknown): value is GatewayOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Serves the class as a WebSocket gateway at `path` (default `/`), on the app's HTTP port. Path params are read
 * from `socket.params`. NestJS's forms `@WebSocketGateway({ path })` and `@WebSocketGateway(0, { path })` are
 * accepted; a port of its own and any option other than `path` are refused at start-up.
 * @example
 * @WebSocketGateway('/rooms/:room')
 * class RoomsGateway { @SubscribeMessage('say') say(@MessageBody() text: string) { return text; } }
 */
export function WebSocketGateway(path?: string): ClassDecorator;
export function WebSocketGateway(options: GatewayOptions): ClassDecorator;
export function WebSocketGateway(port: number, options?: GatewayOptions): ClassDecorator;
export function WebSocketGateway(...args: unknown[]): ClassDecorator {
  const rest = args.filter((argument) => argument !== undefined);
  const port = typeof rest[0] === 'number' ? (rest.shift() as number) : undefined;
  const positionalPath = typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
  const options: GatewayOptions = isOptionsObject(rest[0]) ? (rest.shift() as GatewayOptions) : {};
  const definition = {
    path: positionalPath ?? options.path ?? '/',
    port,
    pathGivenTwice: positionalPath !== undefined && 'path' in options,
    unknownOptions: Object.keys(options).filter((key) => !GATEWAY_OPTION_KEYS.includes(key)),
    unknownArguments: rest,
  };
  return (target) => {
    defineGateway(target as unknown as Constructor, definition);
  };
}
