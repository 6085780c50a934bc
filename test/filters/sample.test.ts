// samples/filters end to end: each documented curl gives the documented answer.

import { createSampleApp } from '@corbel/samples';
import { expect } from 'chai';

describe('samples/filters', () => {
  const app = createSampleApp({ logger: false });

  it('answers a found order normally', async () => {
    const response = await app.inject('/orders/1');
    expect([response.statusCode, response.json()]).to.deep.equal([200, { id: 1, item: 'tea', quantity: 2 }]);
  });

  it("the controller's 404 filter answers a thrown HTTPNotFound with its own body and status 404", async () => {
    const response = await app.inject('/orders/9');
    expect(response.statusCode).to.equal(404);
    expect(response.json()).to.deep.equal({ error: 'not found', detail: 'Order 9 not found', path: '/orders/9' });
  });

  it("a path that does not validate is answered by the controller's custom validation format", async () => {
    const response = await app.inject('/orders/abc');
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.equal({
      message: 'Invalid request parameters',
      details: [
        {
          loc: ['id'],
          msg: 'Input should be a valid number, unable to parse string as a number',
          type: 'number_parsing',
          in: 'path',
        },
      ],
    });
  });

  it('a bad query parameter gets the custom 422 format', async () => {
    const response = await app.inject('/orders?limit=ten');
    expect(response.statusCode).to.equal(422);
    expect(response.json().message).to.equal('Invalid request parameters');
    expect(response.json().details[0]).to.include({ type: 'number_parsing', in: 'query' });
  });

  it('ValueError → 400 through the global filter', async () => {
    const response = await app.inject({ method: 'POST', url: '/orders/discount' });
    expect([response.statusCode, response.json()]).to.deep.equal([400, { error: 'discount codes are not accepted' }]);
  });

  it("a ValueError subclass on the method with its own filter gets that filter's answer", async () => {
    const response = await app.inject({ method: 'POST', url: '/orders/1/quantity/0' });
    expect(response.statusCode).to.equal(400);
    expect(response.json()).to.deep.equal({
      error: 'quantity 0 is out of range',
      hint: 'quantities are whole numbers from 1 to 99',
    });
  });

  it('PermissionError → 403 through the global filter', async () => {
    const response = await app.inject({ method: 'POST', url: '/orders/1/cancel' });
    expect([response.statusCode, response.json()]).to.deep.equal([403, { error: 'forbidden' }]);
  });

  it('the 404 filter is scoped to its controller: other samples keep the default 404 body', async () => {
    const response = await app.inject('/users/999');
    expect([response.statusCode, response.json()]).to.deep.equal([404, { detail: 'User 999 not found' }]);
  });
});
