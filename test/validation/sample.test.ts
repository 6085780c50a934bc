// samples/validation end to end. The guide's /accounts examples (docs/validation.md) are run and compared with the
// bodies they show by test/docs/docs-curl.test.ts.
import { createSampleApp } from '@corbel/samples';
import { expect } from 'chai';

describe('samples/validation', () => {
  const app = createSampleApp({ logger: false });
  const valid = { name: 'Ada', email: 'ada@example.com', address: { street: 'Main', zip: '12345' }, tags: ['x'] };

  it('creates an account from a valid body, unknown fields stripped', async () => {
    const response = await app.inject({ method: 'POST', url: '/accounts', payload: { ...valid, role: 'admin' } });
    expect(response.statusCode).to.equal(201);
    expect(response.json()).to.deep.equal({ created: valid });
  });

  it('validates every element of a batch', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/accounts/batch',
      payload: [valid, { ...valid, email: 'nope' }],
    });
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.equal([
      { loc: [1, 'email'], msg: 'email must be an email', type: 'isEmail', in: 'body' },
    ]);
  });

  it('converts and validates the search query', async () => {
    expect((await app.inject('/accounts?page=2&q=ada')).json()).to.deep.equal({ page: 2, q: 'ada' });
    const bad = await app.inject('/accounts?page=0');
    expect(bad.json()).to.deep.equal([
      { loc: ['page'], msg: 'page must not be less than 1', type: 'min', in: 'query' },
    ]);
  });

  it("answers the quick route's failures in its own format", async () => {
    const response = await app.inject({ method: 'POST', url: '/accounts/quick', payload: { ...valid, email: 'x' } });
    expect(response.statusCode).to.equal(400);
    expect(response.json()).to.deep.equal({ error: 'email must be an email', field: 'email', count: 1 });
  });
});
