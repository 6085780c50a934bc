// NestJS on platform-express, Nest's default platform and the one most Nest applications run on.
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { announceReady, resolvePort } from '../lib/target-channel.js';
import { AppModule, configureNestApp } from './nest-http-app.js';

async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: false });
  configureNestApp(app);
  await app.listen(resolvePort(), '127.0.0.1');
  announceReady((app.getHttpServer().address() as AddressInfo).port);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
