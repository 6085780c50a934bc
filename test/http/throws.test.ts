// @Throws: a plain declaration of the errors a handler means to raise; it is documented, never acted on.
import { Controller, CorbelError, createApp, Get, HTTPNotFound, Param, Throws } from '@corbel/core';
import { expect } from 'chai';

class OutOfStock extends Error {}

@Controller('/stock')
class StockController {
  @Get('/:id')
  @Throws(HTTPNotFound, 'No such item')
  @Throws(409)
  @Throws(OutOfStock, 'Sold out')
  findOne(@Param('id') id: number) {
    if (id === 0) throw new HTTPNotFound('No item 0');
    return { id };
  }
}

describe('@Throws', () => {
  const app = createApp({ logger: false, controllers: [StockController] });

  it('changes nothing about how the route answers', async () => {
    expect((await app.inject('/stock/1')).json()).to.deep.equal({ id: 1 });
    const missing = await app.inject('/stock/0');
    expect(missing.statusCode).to.equal(404);
    expect(missing.json()).to.deep.equal({ detail: 'No item 0' });
  });

  it('is repeatable and read back in the order written, with its descriptions', () => {
    const [route] = app.describe().routes;
    expect(route.throws).to.deep.equal([
      { error: HTTPNotFound, description: 'No such item' },
      { error: 409, description: undefined },
      { error: OutOfStock, description: 'Sold out' },
    ]);
  });

  for (const [label, declared] of [
    ['a status outside 300–599', 99],
    ['a status that is not an integer', 404.5],
    ['a string', '409'],
  ] as const) {
    it(`refuses ${label} at start-up, naming the handler (CORBEL_ERR_INVALID_ROUTE_OPTION)`, () => {
      @Controller('/broken')
      class BrokenController {
        @Get()
        @Throws(declared as number)
        list() {
          return [];
        }
      }
      expect(() => createApp({ logger: false, controllers: [BrokenController] }))
        .to.throw(CorbelError, `@Throws(${JSON.stringify(declared)}) on BrokenController.list`)
        .with.property('code', 'CORBEL_ERR_INVALID_ROUTE_OPTION');
    });
  }
});
