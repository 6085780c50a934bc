// Drives a node request listener in-process with real IncomingMessage/ServerResponse objects and no socket.

const http = require('node:http');
const { Socket } = require('node:net');
const path = require('node:path');

/** Resolves `done` when the listener ends the response, however it got there. */
class MeasuredResponse extends http.ServerResponse {
  end(...args) {
    const result = super.end(...args);
    this.done();
    return result;
  }
}

// One detached socket for every request: IncomingMessage reads a few of its properties, nothing is written to it.
const socket = new Socket();

function makeRequest(scenario) {
  const request = new http.IncomingMessage(socket);
  request.method = scenario.method;
  request.url = scenario.path;
  request.httpVersionMajor = 1;
  request.httpVersionMinor = 1;
  request.httpVersion = '1.1';
  if (scenario.body === undefined) {
    request.headers = { host: '127.0.0.1', connection: 'keep-alive' };
    request.complete = true;
    request.push(null);
  } else {
    const body = Buffer.from(scenario.body);
    request.headers = {
      host: '127.0.0.1',
      connection: 'keep-alive',
      'content-type': 'application/json',
      'content-length': String(body.length),
    };
    request.push(body);
    request.complete = true;
    request.push(null);
  }
  return request;
}

/** Serves one request of `scenario` and resolves with the status the listener answered. */
function serveOne(handler, scenario) {
  return new Promise((resolve) => {
    const request = makeRequest(scenario);
    const response = new MeasuredResponse(request);
    response.done = () => resolve(response.statusCode);
    handler(request, response);
  });
}

/** A scenario of lib/scenarios.js as the in-process drivers use it. */
function toInProcess(scenario) {
  return {
    id: scenario.id,
    method: scenario.method,
    path: scenario.path,
    body: scenario.body,
    status: scenario.expectedStatus,
  };
}

/** The raw and Corbel listeners; Corbel's compiled target is read from `dist` (bench/dist by default). */
function loadHandlers(dist = path.join(__dirname, '..', 'dist')) {
  return new Map([
    ['raw', require('../targets/raw-http.js').handle],
    ['corbel', require(path.join(path.resolve(dist), 'corbel-http.js')).createBenchApp(0).handler],
  ]);
}

module.exports = { loadHandlers, serveOne, toInProcess };
