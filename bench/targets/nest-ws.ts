// NestJS WebSocket target: a platform-ws gateway answering `echo` events, the Nest counterpart of Corbel's gateway.
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WsAdapter } from '@nestjs/platform-ws';
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { announceReady, resolvePort } from '../lib/target-channel.js';

@WebSocketGateway()
class EchoGateway {
  @SubscribeMessage('echo')
  echo(@MessageBody() data: unknown): { event: string; data: unknown } {
    return { event: 'echo', data };
  }
}

@Module({ providers: [EchoGateway] })
class EchoModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(EchoModule, { logger: false });
  app.useWebSocketAdapter(new WsAdapter(app));
  await app.listen(resolvePort(), '127.0.0.1');
  announceReady((app.getHttpServer().address() as AddressInfo).port);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
