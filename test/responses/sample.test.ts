// samples/responses end to end: the entity's secrets stay home, and declared answers are exactly the DTO.
import { createSampleApp } from '@corbel/samples';
import { expect } from 'chai';

describe('samples/responses', () => {
  const app = createSampleApp({ logger: false });

  it('GET /members/1 sends the entity without its @Exclude()d and admin-only fields', async () => {
    const response = await app.inject({ method: 'GET', url: '/members/1' });
    expect(response.statusCode).to.equal(200);
    expect(response.json()).to.deep.equal({
      id: 1,
      name: 'Ada Lovelace',
      lastLoginIp: '10.0.0.7',
      team: { name: 'Analytical Engines', budget: 120000 },
    });
    expect(response.body).not.to.include('$2b$');
    expect(response.body).not.to.include('GB33');
  });

  it('GET /members/1/admin exposes the admin group’s email', async () => {
    const response = await app.inject({ method: 'GET', url: '/members/1/admin' });
    expect(response.json()).to.include({ email: 'ada@example.com' });
    expect(response.body).not.to.include('$2b$');
  });

  it('GET /members/1/profile and GET /members answer exactly MemberDto', async () => {
    const profile = await app.inject({ method: 'GET', url: '/members/1/profile' });
    expect(profile.body).to.equal(
      '{"id":1,"name":"Ada Lovelace","team":{"name":"Analytical Engines"},"initials":"AL"}',
    );
    const list = await app.inject({ method: 'GET', url: '/members' });
    expect(list.json()).to.deep.equal([
      { id: 1, name: 'Ada Lovelace', team: { name: 'Analytical Engines' }, initials: 'AL' },
      { id: 2, name: 'Charles Babbage', team: { name: 'Analytical Engines' }, initials: 'CB' },
    ]);
  });

  it('answers an unknown member with 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/members/9/profile' });
    expect(response.statusCode).to.equal(404);
    expect(response.json()).to.deep.equal({ detail: 'Member 9 not found' });
  });
});
