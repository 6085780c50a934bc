// What @WebSocketGateway, @OnConnection and @SubscribeMessage record, and how the plugin reads it back.
import type { Constructor } from '@corbel/core';
import { readOwnMetadata, writeMetadata } from '@corbel/core';
import { GATEWAY, ON_CONNECTION, SUBSCRIPTIONS } from './keys';

export interface GatewayDefinition {
  readonly path: string;
  /** The port NestJS's `@WebSocketGateway(port)` names; only 0 (the app's own) is served. */
  readonly port?: number;
  /** Both `@WebSocketGateway('/a', { path: '/b' })`: refused rather than one silently winning. */
  readonly pathGivenTwice?: boolean;
  /** Option keys not understood (`namespace`, `cors`…), as written; refused at start-up. */
  readonly unknownOptions?: readonly string[];
  /** Arguments after the options, as given; refused at start-up. */
  readonly unknownArguments?: readonly unknown[];
}

export interface SubscriptionDefinition {
  readonly event: string;
  readonly handlerName: string;
}

export function defineGateway(target: Constructor, definition: GatewayDefinition): void {
  writeMetadata(GATEWAY, definition, target);
}

export function readGateway(target: Constructor): GatewayDefinition | undefined {
  return readOwnMetadata<GatewayDefinition>(GATEWAY, target);
}

/** Records a receive-loop method; a list, so that a second one is reported at start-up rather than lost. */
export function defineOnConnection(target: Constructor, handlerName: string): void {
  const names = readOwnMetadata<string[]>(ON_CONNECTION, target) ?? [];
  writeMetadata(ON_CONNECTION, [...names, handlerName], target);
}

export function readOnConnection(target: Constructor): readonly string[] {
  return readOwnMetadata<string[]>(ON_CONNECTION, target) ?? [];
}

export function defineSubscription(target: Constructor, subscription: SubscriptionDefinition): void {
  const subscriptions = readOwnMetadata<SubscriptionDefinition[]>(SUBSCRIPTIONS, target) ?? [];
  writeMetadata(SUBSCRIPTIONS, [...subscriptions, subscription], target);
}

export function readSubscriptions(target: Constructor): readonly SubscriptionDefinition[] {
  return readOwnMetadata<SubscriptionDefinition[]>(SUBSCRIPTIONS, target) ?? [];
}
