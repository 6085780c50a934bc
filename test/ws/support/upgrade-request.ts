// Sends a hand-made upgrade request and reports the raw HTTP answer, for the handshake rules.
import { request } from 'node:http';

export interface UpgradeAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** True when the server switched protocols (101) instead of refusing. */
  readonly upgraded: boolean;
}

/** A valid handshake's headers, which a test may override or remove (value `null`). */
export function handshakeHeaders(overrides: Record<string, string | null> = {}): Record<string, string> {
  const headers: Record<string, string | null> = {
    connection: 'Upgrade',
    upgrade: 'websocket',
    'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'sec-websocket-version': '13',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== null));
}

/**
 * Sends `GET path` with upgrade headers on a fresh connection and resolves with the answer.
 * @example const answer = await sendUpgrade(url, '/nowhere'); // { status: 404, ... }
 */
export function sendUpgrade(baseUrl: string, path: string, headers = handshakeHeaders()): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${baseUrl}${path}`, { headers, agent: false });
    const timer = setTimeout(() => {
      outgoing.destroy();
      reject(new Error(`no answer to the upgrade of ${path}`));
    }, 3_000);
    outgoing.on('upgrade', (response, socket) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body: '', upgraded: true });
    });
    outgoing.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, upgraded: false });
      });
    });
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.end();
  });
}
