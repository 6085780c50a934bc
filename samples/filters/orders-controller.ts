// samples/filters: routes that throw each kind of error, so every filter rule can be tried with curl.
import { Controller, Get, HTTPNotFound, Param, Post, Query, Throws, UseFilters } from '@corbel/core';
import { PermissionError, QuantityError, ValueError } from './errors';
import { NotFoundFilter, StrictValueErrorFilter, ValidationFormatFilter } from './filters';

@Controller('/orders')
@UseFilters(NotFoundFilter, ValidationFormatFilter)
export class OrdersController {
  /**
   * GET /orders/1 → 200; /orders/9 → the controller's 404 filter; /orders/abc → 422 from the controller's
   * ValidationFormatFilter, since @Catch(RequestValidationError) takes path failures before they become 404s.
   */
  @Get('/:id')
  @Throws(HTTPNotFound, 'No such order')
  findOne(@Param('id') id: number) {
    if (id !== 1) throw new HTTPNotFound(`Order ${id} not found`);
    return { id, item: 'tea', quantity: 2 };
  }

  /** GET /orders?limit=x → 422 in the controller's custom format. */
  @Get()
  list(@Query('limit', { default: 10 }) limit: number) {
    return { limit, orders: [{ id: 1 }] };
  }

  /** POST /orders/discount → ValueError → the global ValueError filter: 400. */
  @Post('/discount')
  @Throws(ValueError, 'Discount codes are not accepted')
  discount(): never {
    throw new ValueError('discount codes are not accepted');
  }

  /** POST /orders/1/quantity/0 → QuantityError → the method's own ValueError filter (it overrides the global one). */
  @Post('/:id/quantity/:quantity')
  @UseFilters(StrictValueErrorFilter)
  @Throws(QuantityError, 'The quantity is out of range')
  setQuantity(@Param('id') id: number, @Param('quantity') quantity: number) {
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 99) {
      throw new QuantityError(`quantity ${quantity} is out of range`);
    }
    return { id, quantity };
  }

  /** POST /orders/1/cancel → PermissionError → the global PermissionError filter: 403. */
  @Post('/:id/cancel')
  @Throws(PermissionError, 'Only the buyer may cancel')
  cancel(): never {
    throw new PermissionError('only the buyer may cancel');
  }
}
