// @SubscribeMessage: routes JSON frames `{ "event": name, "data": … }` to a gateway method.
import type { Constructor } from '@corbel/core';
import { defineSubscription } from '../metadata/gateway-metadata';

/**
 * Calls the method for every frame whose `event` is `event`. A returned `{ event, data }` is sent as is, any
 * other value as `{ event, data: value }`, and `undefined` sends nothing.
 * @example
 * @SubscribeMessage('ping') ping(@MessageBody() data: unknown) { return { event: 'pong', data }; }
 */
export function SubscribeMessage(event: string): MethodDecorator {
  return (target, propertyKey) => {
    defineSubscription(target.constructor as Constructor, { event, handlerName: String(propertyKey) });
  };
}
