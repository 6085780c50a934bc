// The users sample: UsersService injected, the roles guard on DELETE, the timing interceptor on every route.
import { join } from 'node:path';
import { expect } from 'chai';

const repositoryRoot = join(__dirname, '..', '..', '..');
const { createSampleApp } = require(join(repositoryRoot, 'samples/dist/app')) as typeof import('../../samples/app');

describe('samples/hello with injection, a roles guard and a timing interceptor', () => {
  it('DELETE /users/:id answers 401 with a Bearer challenge without a token', async () => {
    const response = await createSampleApp({ logger: false }).inject({ method: 'DELETE', url: '/users/2' });
    expect(response.statusCode).to.equal(401);
    expect(response.headers['www-authenticate']).to.equal('Bearer');
    expect(response.json()).to.deep.equal({ detail: 'Sign in with a bearer token' });
  });

  it('DELETE /users/:id answers 403 for a user without the admin role', async () => {
    const response = await createSampleApp({ logger: false }).inject({
      method: 'DELETE',
      url: '/users/2',
      headers: { authorization: 'Bearer alan-token' },
    });
    expect(response.statusCode).to.equal(403);
    expect(response.json()).to.deep.equal({ detail: 'Forbidden' });
  });

  it('DELETE /users/:id removes the user for an admin; the next app starts with both users again', async () => {
    const app = createSampleApp({ logger: false });
    const removed = await app.inject({
      method: 'DELETE',
      url: '/users/2',
      headers: { authorization: 'Bearer ada-token' },
    });
    expect(removed.statusCode).to.equal(204);
    expect((await app.inject('/users/2')).statusCode).to.equal(404);
    expect((await createSampleApp({ logger: false }).inject('/users')).json()).to.have.length(2);
  });

  it('GET /users/timings lists what the timing interceptor measured', async () => {
    const app = createSampleApp({ logger: false });
    await app.inject('/users/1');
    await app.inject('/users/99');
    const timings = (await app.inject('/users/timings')).json() as Record<string, number>;
    expect(Object.keys(timings)).to.deep.equal(['UsersController.findOne']);
    expect(timings['UsersController.findOne']).to.be.a('number').and.to.be.at.least(0);
  });
});
