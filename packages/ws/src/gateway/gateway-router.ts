// Matches an upgrade request's path to a gateway, with path params, over find-my-way.
import { CorbelError } from '@corbel/core';
import FindMyWay from 'find-my-way';
import type { CompiledGateway } from './compile-gateway';

export interface GatewayMatch {
  readonly gateway: CompiledGateway;
  readonly params: Readonly<Record<string, string>>;
}

// A path without params or wildcard matches with no params: its connections share one frozen empty record.
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze(Object.create(null));

interface RouteStore {
  readonly gateway: CompiledGateway;
  readonly hasParams: boolean;
}

/** The gateways of one app by path; a trailing slash is ignored, as for HTTP routes. */
export class GatewayRouter {
  readonly #tree = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true, maxParamLength: 500 });
  readonly #owners = new Map<string, string>();

  add(gateway: CompiledGateway): void {
    const shape = gateway.path.replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, ':');
    const previous = this.#owners.get(shape);
    if (previous !== undefined) {
      throw new CorbelError(
        'CORBEL_ERR_DUPLICATE_ROUTE',
        `WebSocket path ${gateway.path} is declared twice: by ${previous} and by ${gateway.type.name}`,
      );
    }
    try {
      const store: RouteStore = { gateway, hasParams: /[:*]/.test(gateway.path) };
      this.#tree.on('GET', gateway.path, () => {}, store);
    } catch (error) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_GATEWAY',
        `@WebSocketGateway('${gateway.path}') on ${gateway.type.name}: ${(error as Error).message}`,
      );
    }
    this.#owners.set(shape, gateway.type.name);
  }

  match(path: string): GatewayMatch | null {
    const found = this.#tree.find('GET', path);
    if (!found) return null;
    const { gateway, hasParams } = found.store as RouteStore;
    return { gateway, params: hasParams ? (found.params as Record<string, string>) : NO_PARAMS };
  }
}
