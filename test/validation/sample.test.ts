// samples/validation end to end, and the README's example request answering exactly the body the README shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSampleApp } from '@corbel/samples';
import { expect } from 'chai';

const README = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

/** The README's curl example for /accounts: its JSON body and the 422 answer shown under it. */
function readmeExample(): { body: string; answer: unknown } {
  const match = README.match(/-d '(\{.*?\})'\n```\n```json\n([\s\S]*?)\n```/);
  if (!match) throw new Error('README.md no longer has the /accounts curl example followed by its JSON answer');
  return { body: match[1], answer: JSON.parse(match[2]) };
}

describe('samples/validation', () => {
  const app = createSampleApp({ logger: false });
  const valid = { name: 'Ada', email: 'ada@example.com', address: { street: 'Main', zip: '12345' }, tags: ['x'] };

  it("answers the README's example request with exactly the README's 422 body", async () => {
    const { body, answer } = readmeExample();
    const response = await app.inject({
      method: 'POST',
      url: '/accounts',
      payload: body,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).to.equal(422);
    expect(response.json()).to.deep.equal(answer);
  });

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
