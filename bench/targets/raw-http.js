// Hand-written node:http target: the floor every framework is measured against, doing the same work by hand.

const http = require('node:http');
const { announceReady, resolvePort, resolveRouteCount } = require('../lib/target-channel.js');

// The routes of the scenarios in lib/scenarios.js; padding routes make up the rest of BENCH_ROUTES.
const SCENARIO_ROUTES = 5;
const MAX_BODY_BYTES = 1024 * 1024;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// "N routes" for raw means N entries in this Map, keyed by method and first path segment, each with its number of
// parameter segments: the O(1) dispatch a hand-written server would use, so raw stays flat as routes grow.
const routes = new Map();

function addRoute(method, segment, arity, handler) {
  routes.set(`${method} ${segment}`, { arity, handler });
}

function sendJson(res, status, payload) {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function parseId(raw) {
  const id = Number(raw);
  if (!Number.isInteger(id)) throw new HttpError(400, `id must be an integer, got '${raw}'`);
  return id;
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, 'body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, 'body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

// The hand check standing in for a DTO: same rules as CreateUserDto and the Fastify schema.
function validateUser(body) {
  const isValid =
    body !== null &&
    typeof body === 'object' &&
    typeof body.name === 'string' &&
    body.name.length > 0 &&
    typeof body.email === 'string' &&
    EMAIL.test(body.email) &&
    Number.isInteger(body.age) &&
    body.age >= 0 &&
    body.age <= 150;
  if (!isValid) throw new HttpError(400, 'invalid user');
  return { name: body.name, email: body.email, age: body.age };
}

/** Scenario E's stored record: a class instance holding a password that must never be sent. */
class UserRecord {
  constructor(id, name, email, password) {
    this.id = id;
    this.name = name;
    this.email = email;
    this.password = password;
  }
}

// The exclusion a hand-written server does: copy everything but the secret.
function withoutPassword(user) {
  const { password: _password, ...visible } = user;
  return visible;
}

addRoute('GET', 'users', 1, (_req, res, params) => sendJson(res, 200, { id: parseId(params[0]), name: 'Ada' }));
addRoute('GET', 'entities', 1, (_req, res, params) =>
  sendJson(res, 200, withoutPassword(new UserRecord(parseId(params[0]), 'Ada', 'ada@example.com', 'hunter2'))),
);
// Scenario F's floor: scenario A's answer through JSON.stringify, as a hand-written server sends a known shape.
addRoute('GET', 'declared', 1, (_req, res, params) => sendJson(res, 200, { id: parseId(params[0]), name: 'Ada' }));
addRoute('GET', 'missing', 1, (_req, _res, params) => {
  throw new HttpError(404, `User ${parseId(params[0])} not found`);
});
addRoute('POST', 'users', 0, async (req, res) => sendJson(res, 201, { ...validateUser(await readJson(req)), id: 1 }));

for (let i = 0; i < resolveRouteCount() - SCENARIO_ROUTES; i++) {
  addRoute('GET', `r${i}`, 1, (_req, res, params) => sendJson(res, 200, { id: parseId(params[0]), route: i }));
}

function sendError(res, error) {
  const status = error instanceof HttpError ? error.status : 500;
  const message = error instanceof HttpError ? error.message : 'Internal Server Error';
  sendJson(res, status, { statusCode: status, message });
}

async function dispatch(req, res) {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const segments = (query === -1 ? url : url.slice(0, query)).split('/');
  const route = routes.get(`${req.method} ${segments[1]}`);
  // segments[0] is the empty string before the leading slash.
  if (route === undefined || segments.length - 2 !== route.arity) {
    sendJson(res, 404, { statusCode: 404, message: 'Not Found' });
    return;
  }
  try {
    await route.handler(req, res, segments.slice(2));
  } catch (error) {
    sendError(res, error);
  }
}

function handle(req, res) {
  dispatch(req, res);
}

// bench/micro.js loads this file for `handle` alone.
if (require.main === module) {
  const server = http.createServer(handle);
  server.listen(resolvePort(), '127.0.0.1', () => announceReady(server.address().port));
}

module.exports = { handle };
