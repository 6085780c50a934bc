// Turns one value into the bytes of one Server-Sent Event, so that no value can inject a field or a second event.

/**
 * One event, written field by field. `event` names it (the client's `addEventListener(event, …)`; `type` is
 * accepted as NestJS's name for it), `id` becomes the client's `Last-Event-ID` on reconnect, `retry` sets the
 * client's reconnection delay in milliseconds. A string `data` is sent as is (one `data:` line per line of it);
 * anything else as JSON.
 * @example yield { event: 'price', id: '42', data: { symbol: 'ACME', price: 12.5 } } satisfies MessageEvent;
 */
export interface MessageEvent {
  readonly data: unknown;
  readonly event?: string;
  /** NestJS's name for `event`. */
  readonly type?: string;
  readonly id?: string | number;
  readonly retry?: number;
}

/** The keep-alive comment: clients ignore it, proxies see traffic. */
export const HEARTBEAT = ': ping\n\n';

const MESSAGE_EVENT_KEYS = new Set(['data', 'event', 'type', 'id', 'retry']);
// A field value may hold neither line break (it would start a new field) nor, for ids, NUL (clients drop the id).
const LINE_BREAK = /[\r\n]/;
const LINE_BREAK_OR_NUL = /[\r\n\0]/;
const LINES = /\r\n|\r|\n/;

/** A value whose own keys are `data` and only MessageEvent fields; any other object is data itself. */
function isMessageEvent(value: unknown): value is MessageEvent {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (!Object.hasOwn(value, 'data')) return false;
  for (const key of Object.keys(value)) if (!MESSAGE_EVENT_KEYS.has(key)) return false;
  return true;
}

function dataLines(data: unknown): string {
  if (typeof data === 'string') {
    let lines = '';
    for (const line of data.split(LINES)) lines += `data: ${line}\n`;
    return lines;
  }
  // JSON never holds a raw line break, so one line is always enough.
  return `data: ${JSON.stringify(data) ?? 'null'}\n`;
}

function describe(value: unknown): string {
  return JSON.stringify(String(value)).slice(0, 80);
}

function eventName(event: MessageEvent): string | undefined {
  if (event.event !== undefined && event.type !== undefined && event.event !== event.type) {
    throw new TypeError(
      `An event gives both event ${describe(event.event)} and type ${describe(event.type)}; give one`,
    );
  }
  const name = event.event ?? event.type;
  if (name === undefined) return undefined;
  if (typeof name !== 'string' || name === '' || LINE_BREAK.test(name)) {
    throw new TypeError(`An event name must be a non-empty string without CR or LF, got ${describe(name)}`);
  }
  return name;
}

function fields(event: MessageEvent): string {
  let text = '';
  const name = eventName(event);
  if (name !== undefined) text += `event: ${name}\n`;
  if (event.id !== undefined) {
    const id = typeof event.id === 'number' && Number.isFinite(event.id) ? String(event.id) : event.id;
    if (typeof id !== 'string' || LINE_BREAK_OR_NUL.test(id)) {
      throw new TypeError(
        `An event id must be a string (or a finite number) without CR, LF or NUL, got ${describe(id)}`,
      );
    }
    text += `id: ${id}\n`;
  }
  if (event.retry !== undefined) {
    if (!Number.isSafeInteger(event.retry) || event.retry < 0) {
      throw new TypeError(`An event's retry must be a whole number of milliseconds, got ${describe(event.retry)}`);
    }
    text += `retry: ${event.retry}\n`;
  }
  return text + dataLines(event.data);
}

/**
 * The text of one event, ending with the blank line that dispatches it. Throws a `TypeError` for an event whose
 * name, id or retry could not be sent as given, or for data JSON cannot represent.
 * @example formatEvent('a\nb') // 'data: a\ndata: b\n\n'
 */
export function formatEvent(value: unknown): string {
  if (isMessageEvent(value)) return `${fields(value)}\n`;
  return `${dataLines(value)}\n`;
}

/** The `event: error` sent when a stream fails after it started; `body` is what the filters answered. */
export function formatErrorEvent(body: string): string {
  return `event: error\n${dataLines(body)}\n`;
}
