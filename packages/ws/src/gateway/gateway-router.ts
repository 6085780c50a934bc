// Matches an upgrade request's path to a gateway, with path params, over find-my-way.
import { CorbelError } from '@corbel/core';
import FindMyWay from 'find-my-way';
import type { CompiledGateway } from './compile-gateway';

export interface GatewayMatch {
  readonly gateway: CompiledGateway;
  readonly params: Record<string, string>;
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
      this.#tree.on('GET', gateway.path, () => {}, { gateway });
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
    const { gateway } = found.store as { gateway: CompiledGateway };
    return { gateway, params: found.params as Record<string, string> };
  }
}
