// One HTTP request to a local target with a hard timeout: used for conformance checks and cold-start polling.

const http = require('node:http');

/**
 * Sends one request to 127.0.0.1 and resolves `{ status, headers, body }` with the body as text.
 * Rejects on connection errors and after `timeoutMs`, so no caller can hang on a dead target.
 */
function sendRequest({ port, method, path, headers = {}, body, timeoutMs = 2000 }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${method} ${path} in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

module.exports = { sendRequest };
