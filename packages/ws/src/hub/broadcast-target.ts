// What hub.to(...) and hub.broadcast(path) return: a set of rooms, less some sockets, to send one message to.
import type { WebSocketConnection } from '../connection';
import type { HubCore } from './hub-core';

function toJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`sendJson: a ${typeof value} is not JSON`);
  return text;
}

/**
 * Sends one message to every socket of its rooms, here and (through the adapter) in every other process. Each
 * send resolves once the message is handed to every local socket and to the broker; it does not wait for slow
 * sockets (one whose queue passes `maxQueuedBytes` is closed with 1013). Delivery to other processes is
 * at-most-once.
 * @example await hub.to('lobby').except(socket).emit('message', { text: 'hi' });
 */
export class BroadcastTarget {
  readonly #core: HubCore;
  readonly #keys: readonly string[];
  readonly #except: ReadonlySet<WebSocketConnection> | undefined;

  /** Made by `WebSocketHub`; applications get targets from `hub.to()` and `hub.broadcast()`. */
  constructor(core: HubCore, keys: readonly string[], except?: ReadonlySet<WebSocketConnection>) {
    this.#core = core;
    this.#keys = keys;
    this.#except = except;
  }

  /**
   * The same target without `socket` (or these sockets): typically the sender.
   * @example await hub.to(room).except(socket).emit('joined', { name });
   */
  except(socket?: WebSocketConnection | readonly WebSocketConnection[]): BroadcastTarget {
    if (socket === undefined) return this;
    const excluded = new Set(this.#except);
    for (const one of Array.isArray(socket) ? socket : [socket]) excluded.add(one as WebSocketConnection);
    return new BroadcastTarget(this.#core, this.#keys, excluded);
  }

  /**
   * Sends `text` as a text message.
   * @example await hub.to('lobby').sendText('server restarting in 5 minutes');
   */
  sendText(text: string): Promise<void> {
    return this.#core.send(this.#keys, this.#except, String(text));
  }

  /**
   * Sends `value` as JSON; a value JSON cannot represent rejects with the `TypeError`, and nothing is sent.
   * @example await hub.to('lobby').sendJson({ kind: 'tick', at: Date.now() });
   */
  sendJson(value: unknown): Promise<void> {
    let text: string;
    try {
      text = toJson(value);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#core.send(this.#keys, this.#except, text);
  }

  /**
   * Sends `{ event, data }`, the envelope `@SubscribeMessage` gateways speak.
   * @example await hub.to('lobby').emit('message', { name: 'ann', text: 'hi' });
   */
  emit(event: string, data?: unknown): Promise<void> {
    return this.sendJson({ event, data });
  }
}
