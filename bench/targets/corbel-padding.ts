// Builds the extra controllers for the route-count scaling suite: one `GET /r<i>/:id` route per controller.
import { Controller, Get, Param } from '../../packages/core/dist/index.js';

type PaddingController = new () => { find(id: number): { id: number; route: number } };

function createPaddingController(index: number): PaddingController {
  // A class per route, as an application with many controllers has; the decorators run once per class.
  @Controller(`/r${index}`)
  class Padding {
    @Get('/:id')
    find(@Param('id') id: number): { id: number; route: number } {
      return { id, route: index };
    }
  }
  return Padding;
}

/** `count` controllers (none when count ≤ 0), each with one parameterised GET route under its own prefix. */
export function createPaddingControllers(count: number): PaddingController[] {
  return Array.from({ length: Math.max(0, count) }, (_, index) => createPaddingController(index));
}
