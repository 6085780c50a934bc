// Fastify target written the way Fastify's docs recommend: JSON schemas for params, body and responses.

const createError = require('@fastify/error');
const fastify = require('fastify');
const { announceReady, resolvePort, resolveRouteCount } = require('../lib/target-channel.js');

// The routes of the scenarios in lib/scenarios.js; padding routes make up the rest of BENCH_ROUTES.
const SCENARIO_ROUTES = 5;

// Fastify's own error factory is its counterpart of HTTPNotFound / NotFoundException.
const UserNotFound = createError('BENCH_USER_NOT_FOUND', 'User %s not found', 404);

const idParams = {
  type: 'object',
  properties: { id: { type: 'integer' } },
  required: ['id'],
};
const userResponse = {
  type: 'object',
  properties: { id: { type: 'integer' }, name: { type: 'string' } },
};
// Scenario E: the response schema is Fastify's way to drop a field (fast-json-stringify writes only these).
const entityResponse = {
  type: 'object',
  properties: { id: { type: 'integer' }, name: { type: 'string' }, email: { type: 'string' } },
};

/** Scenario E's stored record: a class instance holding a password that must never be sent. */
class UserRecord {
  constructor(id, name, email, password) {
    this.id = id;
    this.name = name;
    this.email = email;
    this.password = password;
  }
}

const createUserBody = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    email: { type: 'string', format: 'email' },
    age: { type: 'integer', minimum: 0, maximum: 150 },
  },
  required: ['name', 'email', 'age'],
};
const createdUserResponse = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    email: { type: 'string' },
    age: { type: 'integer' },
  },
};

async function main() {
  const app = fastify({ logger: false });

  app.get('/users/:id', { schema: { params: idParams, response: { 200: userResponse } } }, async (request) => ({
    id: request.params.id,
    name: 'Ada',
  }));
  app.get('/entities/:id', { schema: { params: idParams, response: { 200: entityResponse } } }, async (request) => {
    return new UserRecord(request.params.id, 'Ada', 'ada@example.com', 'hunter2');
  });
  app.get('/declared/:id', { schema: { params: idParams, response: { 200: userResponse } } }, async (request) => ({
    id: request.params.id,
    name: 'Ada',
  }));
  app.get('/missing/:id', { schema: { params: idParams } }, async (request) => {
    throw new UserNotFound(request.params.id);
  });
  app.post(
    '/users',
    { schema: { body: createUserBody, response: { 201: createdUserResponse } } },
    async (request, reply) => {
      reply.code(201);
      return { ...request.body, id: 1 };
    },
  );
  for (let i = 0; i < resolveRouteCount() - SCENARIO_ROUTES; i++) {
    app.get(`/r${i}/:id`, { schema: { params: idParams } }, async (request) => ({ id: request.params.id, route: i }));
  }

  await app.listen({ port: resolvePort(), host: '127.0.0.1' });
  announceReady(app.server.address().port);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
