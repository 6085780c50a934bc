// The soak's mixed route set: happy paths, thrown errors and validation failures, each with its expected status.
import { Body, Controller, createApp, Get, HTTPNotFound, type Logger, Param, Post, Query } from '@corbel/core';
import { OnConnection, type WebSocketConnection, WebSocketGateway, webSockets } from '@corbel/ws';
import { IsInt, IsString, Min } from 'class-validator';

class OrderDto {
  @IsString()
  item!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

@Controller('/soak')
class SoakController {
  @Get('/items/:id')
  item(@Param('id') id: number) {
    return { id, name: `item ${id}`, tags: ['a', 'b', 'c'] };
  }

  @Post('/orders')
  order(@Body() order: OrderDto) {
    return { accepted: true, order };
  }

  @Get('/search')
  search(@Query('page') page: number) {
    return { page, results: [] };
  }

  @Get('/missing/:id')
  missing(@Param('id') id: number): never {
    throw new HTTPNotFound(`Item ${id} not found`);
  }

  @Get('/crash')
  crash(): never {
    throw new Error('a bug in a handler');
  }

  @Get('/slow')
  async slow() {
    await new Promise((resolve) => setTimeout(resolve, 2));
    return { slow: true };
  }
}

@WebSocketGateway('/soak/echo')
class EchoGateway {
  @OnConnection()
  async run(socket: WebSocketConnection) {
    for await (const message of socket) await socket.sendText(String(message));
  }
}

/** The WebSocket echo path the load generator's socket clients use. */
export const SOAK_ECHO_PATH = '/soak/echo';

/** One kind of request the load generator sends, and the status it must get. */
export interface SoakRequest {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  readonly expected: number;
}

/** The mix, sent round-robin: mostly happy paths, with errors and validation failures in between. */
export const SOAK_MIX: readonly SoakRequest[] = [
  { name: 'item', method: 'GET', path: '/soak/items/7', expected: 200 },
  { name: 'order', method: 'POST', path: '/soak/orders', body: '{"item":"bolt","quantity":3}', expected: 201 },
  { name: 'search', method: 'GET', path: '/soak/search?page=2', expected: 200 },
  { name: 'item', method: 'GET', path: '/soak/items/8', expected: 200 },
  { name: 'slow', method: 'GET', path: '/soak/slow', expected: 200 },
  { name: 'thrown 404', method: 'GET', path: '/soak/missing/3', expected: 404 },
  { name: 'thrown Error', method: 'GET', path: '/soak/crash', expected: 500 },
  { name: 'bad path param', method: 'GET', path: '/soak/items/abc', expected: 404 },
  { name: 'bad query', method: 'GET', path: '/soak/search?page=x', expected: 422 },
  { name: 'bad body', method: 'POST', path: '/soak/orders', body: '{"item":1,"quantity":0}', expected: 422 },
  { name: 'broken JSON', method: 'POST', path: '/soak/orders', body: '{"item":', expected: 400 },
  { name: 'unknown route', method: 'GET', path: '/nowhere', expected: 404 },
];

/** A logger that counts instead of writing: thousands of expected 500s must not flood the terminal. */
export class CountingLogger implements Logger {
  errors = 0;
  error = () => {
    this.errors++;
  };
  warn = () => {};
  info = () => {};
  debug = () => {};
}

/** The soak's app. */
export function createSoakApp(logger: Logger) {
  return createApp({ controllers: [SoakController], logger, plugins: [webSockets({ gateways: [EchoGateway] })] });
}
