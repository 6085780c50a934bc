// The chat sample's gateways, as the plugin samples/app.ts adds to the app.
import { type WebSocketAdapter, webSockets } from '@corbel/ws';
import { EchoGateway } from './echo-gateway';
import { RoomsGateway } from './rooms-gateway';

/** A new plugin instance (each app gets its own hub); `adapter` shares the rooms with other processes. */
export function chatWebSockets(adapter?: WebSocketAdapter) {
  return webSockets({ gateways: [RoomsGateway, EchoGateway], adapter });
}
