// The sample app's front page: lists what `npm start` serves so a newcomer can click through it.
import { Controller, Get } from '@corbel/core';

@Controller()
export class IndexController {
  static routes: { method: string; path: string; handler: string }[] = [];
  /** The WebSocket paths, with the gateway and the events it handles (none for a receive loop). */
  static gateways: { path: string; gateway: string; events: string[] }[] = [];

  @Get()
  index() {
    return { name: 'Corbel samples', routes: IndexController.routes, gateways: IndexController.gateways };
  }
}
