// An HTTP client that shows what went on the wire: one request per fresh connection, raw header pairs kept.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { hostAndPort, type ServerAddress } from './server-address';

/** An answer as the client parsed it. */
export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Header names and values as they came on the wire, in order: `[name, value, name, value, …]`. */
  readonly rawHeaders: string[];
  readonly body: string;
}

export interface SendOptions {
  /** Default `GET`. */
  readonly method?: string;
  /** Default `/`. */
  readonly path?: string;
  readonly headers?: Record<string, string | number>;
  readonly body?: string | Buffer;
  /** Give up (and fail) when the connection is idle this many milliseconds; default 5000. */
  readonly timeoutMs?: number;
}

/**
 * Sends one request on its own connection (no agent, so no socket outlives the test) and reads the whole answer.
 * @example const { status, body } = await send(url, { method: 'POST', path: '/items', body: '{}' });
 */
export function send(address: ServerAddress, options: SendOptions = {}): Promise<Answer> {
  const { method = 'GET', path = '/', timeoutMs = 5000 } = options;
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      ...hostAndPort(address),
      method,
      path,
      headers: options.headers,
      agent: false,
      timeout: timeoutMs,
    });
    request.on('timeout', () => request.destroy(new Error(`No answer to ${method} ${path} within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          rawHeaders: response.rawHeaders,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    request.end(options.body);
  });
}

/**
 * The values of the header `name` (any case), in wire order, so repeated headers stay visible.
 * @example rawHeaderValues(await send(port, { path: '/login' }), 'set-cookie') // ['a=1', 'b=2']
 */
export function rawHeaderValues(answer: Answer, name: string): string[] {
  const values: string[] = [];
  for (let index = 0; index < answer.rawHeaders.length; index += 2) {
    if (answer.rawHeaders[index].toLowerCase() === name.toLowerCase()) values.push(answer.rawHeaders[index + 1]);
  }
  return values;
}
