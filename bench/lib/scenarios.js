// The HTTP scenarios every target serves, with the response each must give: the contract the numbers rest on.

const CREATE_USER_BODY = JSON.stringify({ name: 'Ada', email: 'ada@example.com', age: 36 });

/** How many routes the scenarios need in every target; route-count padding comes on top to reach N routes. */
const SCENARIO_ROUTES = 5;

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Each scenario: the request autocannon repeats and a check of one response.
 * `check` returns undefined when the body is right, else a sentence saying what was wrong.
 */
const HTTP_SCENARIOS = [
  {
    id: 'A',
    title: 'GET /users/:id',
    method: 'GET',
    path: '/users/7',
    expectedStatus: 200,
    expectedBody: '{"id":7,"name":"Ada"} (id a number)',
    check(body) {
      const json = parseJson(body);
      return json?.id === 7 && json?.name === 'Ada' ? undefined : 'id must be the number 7 and name "Ada"';
    },
  },
  {
    id: 'B',
    title: 'unknown route 404',
    method: 'GET',
    path: '/nope/7',
    expectedStatus: 404,
    expectedBody: 'any 404 body',
    check: () => undefined,
  },
  {
    id: 'C',
    title: 'thrown 404 exception',
    method: 'GET',
    path: '/missing/7',
    expectedStatus: 404,
    expectedBody: 'JSON mentioning "User 7 not found"',
    check(body) {
      return parseJson(body) !== undefined && body.includes('User 7 not found')
        ? undefined
        : 'body must be JSON that carries the exception message "User 7 not found"';
    },
  },
  {
    id: 'D',
    title: 'POST /users + DTO',
    method: 'POST',
    path: '/users',
    headers: { 'content-type': 'application/json' },
    body: CREATE_USER_BODY,
    expectedStatus: 201,
    expectedBody: '{"name":"Ada","email":"ada@example.com","age":36,"id":1}',
    check(body) {
      const json = parseJson(body);
      const isRight = json?.id === 1 && json?.name === 'Ada' && json?.email === 'ada@example.com' && json?.age === 36;
      return isRight ? undefined : 'body must echo the DTO with id 1';
    },
  },
  {
    id: 'E',
    title: 'GET /entities/:id, @Exclude instance',
    method: 'GET',
    path: '/entities/7',
    expectedStatus: 200,
    expectedBody: '{"id":7,"name":"Ada","email":"ada@example.com"} (no password)',
    check(body) {
      const json = parseJson(body);
      if (body.includes('password') || body.includes('hunter2')) return 'the excluded password must not be sent';
      const isRight =
        json?.id === 7 && json?.name === 'Ada' && json?.email === 'ada@example.com' && Object.keys(json).length === 3;
      return isRight ? undefined : 'body must be exactly id 7, name "Ada" and email "ada@example.com"';
    },
  },
  {
    id: 'F',
    title: 'GET /declared/:id, @Returns',
    method: 'GET',
    path: '/declared/7',
    expectedStatus: 200,
    expectedBody: '{"id":7,"name":"Ada"} (exactly)',
    check(body) {
      const json = parseJson(body);
      const isRight = json?.id === 7 && json?.name === 'Ada' && Object.keys(json).length === 2;
      return isRight ? undefined : 'body must be exactly id 7 (a number) and name "Ada"';
    },
  },
];

module.exports = { HTTP_SCENARIOS, SCENARIO_ROUTES };
