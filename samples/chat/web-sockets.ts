// The chat sample's gateways, as the plugin samples/app.ts adds to the app.
import { webSockets } from '@corbel/ws';
import { EchoGateway } from './echo-gateway';
import { RoomsGateway } from './rooms-gateway';

/** A new plugin instance (each app gets its own gateways and rooms). */
export function chatWebSockets() {
  return webSockets({ gateways: [RoomsGateway, EchoGateway] });
}
