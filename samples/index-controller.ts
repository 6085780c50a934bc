// The sample app's front page: lists what `npm start` serves so a newcomer can click through it.
import { Controller, Get } from '@corbel/core';

@Controller()
export class IndexController {
  static routes: { method: string; path: string; handler: string }[] = [];

  @Get()
  index() {
    return { name: 'Corbel samples', routes: IndexController.routes };
  }
}
