// NestJS on platform-fastify: the Nest programming model over Fastify's server and router.
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { announceReady, resolvePort } from '../lib/target-channel.js';
import { AppModule, configureNestApp } from './nest-http-app.js';

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: false });
  configureNestApp(app);
  await app.listen(resolvePort(), '127.0.0.1');
  announceReady((app.getHttpServer().address() as AddressInfo).port);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
