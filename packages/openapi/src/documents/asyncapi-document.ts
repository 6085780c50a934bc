// The AsyncAPI 3.0 objects the builder writes, typed as far as Corbel fills them in.
import type { JsonSchema } from '../schemas/json-schema';
import type { InfoObject } from './openapi-document';

/** A JSON reference (`{ $ref: "#/components/messages/Say" }`) to a component of the AsyncAPI document. */
export interface Reference {
  $ref: string;
}

/** An AsyncAPI server: where the gateways are reached (host, protocol `ws`, path prefix). */
export interface AsyncServerObject {
  host: string;
  protocol: 'ws' | 'wss';
  pathname?: string;
  description?: string;
}

/** An AsyncAPI message: one frame a gateway receives or sends, with its payload schema. */
export interface AsyncMessageObject {
  name: string;
  title?: string;
  summary?: string;
  description?: string;
  contentType: 'application/json';
  payload: JsonSchema;
  examples?: { payload: unknown }[];
}

/** The `ws` channel binding: the handshake is a GET, with the query and headers a gateway documents. */
export interface WebSocketChannelBinding {
  method: 'GET';
  query?: JsonSchema;
  headers?: JsonSchema;
  bindingVersion: '0.1.0';
}

/** An AsyncAPI channel: one gateway path, its parameters, its messages and its WebSocket bindings. */
export interface ChannelObject {
  address: string;
  title?: string;
  summary?: string;
  description?: string;
  tags?: { name: string }[];
  parameters?: Record<string, { description?: string }>;
  messages: Record<string, AsyncMessageObject>;
  bindings: { ws: WebSocketChannelBinding };
}

/** An AsyncAPI operation: a message the server receives (`@SubscribeMessage`) or sends, with its reply. */
export interface AsyncOperationObject {
  /** From the server's side: it `receive`s what clients send, it `send`s what it emits. */
  action: 'send' | 'receive';
  channel: Reference;
  title?: string;
  summary?: string;
  description?: string;
  tags?: { name: string }[];
  messages: Reference[];
  reply?: { channel: Reference; messages: Reference[] };
}

/** The document `buildAsyncApiDocument` returns and `/asyncapi.json` serves. */
export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: InfoObject;
  servers?: Record<string, AsyncServerObject>;
  defaultContentType: 'application/json';
  channels: Record<string, ChannelObject>;
  operations: Record<string, AsyncOperationObject>;
  components: { schemas: Record<string, JsonSchema> };
}
