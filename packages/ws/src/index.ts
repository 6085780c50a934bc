// @corbel/ws's public API; this file only re-exports.
export { type ClusterAdapterOptions, clusterAdapter } from './adapter/cluster-adapter';
export { decodePacket, encodePacket, type WirePacket } from './adapter/packet-codec';
export {
  type AdapterHost,
  type AdapterPacket,
  inProcessAdapter,
  type WebSocketAdapter,
} from './adapter/web-socket-adapter';
export {
  type ConnectionChannel,
  type HandshakeDetails,
  WebSocketConnection,
  type WebSocketMessage,
  type WebSocketState,
} from './connection';
export { Emits } from './decorators/emits';
export { OnConnection } from './decorators/on-connection';
export { ConnectedSocket, MessageBody, type MessageBodyOptions } from './decorators/parameters';
export { SubscribeMessage } from './decorators/subscribe-message';
export { type GatewayOptions, WebSocketGateway } from './decorators/web-socket-gateway';
export {
  describeGateways,
  type GatewayDescription,
  type GatewayMethodDescription,
  type MessageHandlerDescription,
  type MessageParameterDescription,
} from './gateway/gateway-description';
export type { OnGatewayConnection, OnGatewayDisconnect } from './gateway/lifecycle';
export { type WebSocketsOptions, webSockets } from './gateway/web-sockets';
export type { WsExecutionContext } from './gateway/ws-execution-context';
export { BroadcastTarget } from './hub/broadcast-target';
export { GatewayRooms } from './hub/gateway-rooms';
export { WebSocketHub } from './hub/web-socket-hub';
export type { EmitsDefinition } from './metadata/emits-metadata';
export type { MessageParameterSource } from './metadata/message-parameter-metadata';
