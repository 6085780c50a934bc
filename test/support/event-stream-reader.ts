// Reads a text/event-stream answer as raw text over its own connection, and can hang up at any moment.
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { hostAndPort, type ServerAddress } from './server-address';

/** An open event-stream answer: its status and headers, the text so far, and ways to wait or hang up. */
export interface StreamReader {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Everything received so far. */
  text(): string;
  /** Resolves once the received text satisfies `until` (or rejects after `timeoutMs`, default 5 s). */
  waitFor(until: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves with the whole text once the server ends the answer. */
  ended(timeoutMs?: number): Promise<string>;
  /** Hangs up: destroys the connection, as a closed browser tab does. */
  close(): void;
}

/**
 * Sends `GET path` on a fresh connection and resolves once the status and headers arrived.
 * @example const stream = await openStream(url, '/events'); await stream.waitFor((text) => text.includes('\n\n'));
 */
export function openStream(
  address: ServerAddress,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<StreamReader> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ ...hostAndPort(address), path, method, headers, agent: false });
    request.on('error', reject);
    request.on('response', (response: IncomingMessage) => {
      let received = '';
      let isEnded = false;
      const waiters = new Set<() => void>();
      const notify = () => {
        for (const waiter of [...waiters]) waiter();
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        received += chunk;
        notify();
      });
      response.on('end', () => {
        isEnded = true;
        notify();
      });
      response.on('error', () => {
        isEnded = true;
        notify();
      });
      const wait = (isDone: () => boolean, what: string, timeoutMs: number) =>
        new Promise<string>((done, fail) => {
          if (isDone()) {
            done(received);
            return;
          }
          const timer = setTimeout(() => {
            waiters.delete(check);
            fail(new Error(`${what} within ${timeoutMs} ms; received so far: ${JSON.stringify(received)}`));
          }, timeoutMs);
          const check = () => {
            if (!isDone()) return;
            clearTimeout(timer);
            waiters.delete(check);
            done(received);
          };
          waiters.add(check);
        });
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        text: () => received,
        waitFor: (until, timeoutMs = 5000) =>
          wait(() => until(received), 'The expected text did not arrive', timeoutMs),
        ended: (timeoutMs = 5000) => wait(() => isEnded, 'The stream did not end', timeoutMs),
        close: () => request.destroy(),
      });
    });
    request.end();
  });
}

/** The events of an event-stream text: each block's fields, in order (comments are left out). */
export function parseEvents(text: string): Record<string, string>[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '' && !block.startsWith(':'))
    .map((block) => {
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon);
        const value = line.slice(colon + 1).replace(/^ /, '');
        fields[name] = name in fields ? `${fields[name]}\n${value}` : value;
      }
      return fields;
    });
}
