// The success answer of an @Sse route: a `text/event-stream`, its event format in words, and the events' data schema.
import { CorbelError, type ReturnsDefinition, type RouteDescription } from '@corbel/core';
import type { JsonSchema } from '../schemas/json-schema';
import type { SchemaRegistry } from '../schemas/schema-registry';
import type { MediaTypeObject } from './openapi-document';

const EVENT_STREAM = 'text/event-stream';

/** What every stream sends, as core writes it (see docs/uploads-and-sse.md, "What goes on the wire"). */
const EVENT_FORMAT =
  'A stream of Server-Sent Events (`text/event-stream; charset=utf-8`), for `EventSource`. Each event is its ' +
  '`event:`, `id:` and `retry:` fields when the handler gives them, then its data: a string as `data:` lines, any ' +
  'other value as one `data:` line of JSON. A `: ping` comment is sent while the stream is quiet. A client that ' +
  'reconnects sends the last `id` it received as `Last-Event-ID`. An error after the first event cannot change the ' +
  'status: a last `event: error` carries the body the filters give it (`{"detail":"Internal Server Error"}` by ' +
  'default), and the stream ends.';

/** The `data` of one event of a declared type: text as it is, anything else a JSON text of its schema. */
function dataSchema(declared: ReturnsDefinition, registry: SchemaRegistry): JsonSchema {
  if (declared.type === String) return { type: 'string' };
  return { type: 'string', contentMediaType: 'application/json', contentSchema: registry.schemaOf(declared.type) };
}

/** One event whose data is `data`: the fields core writes, `data` the only one always there. */
function eventSchema(data: JsonSchema): JsonSchema {
  return {
    type: 'object',
    description: 'One event of the stream (the body is a sequence of them).',
    properties: {
      event: { type: 'string', description: 'The event name (`addEventListener(name, …)`); `message` without it.' },
      id: { type: 'string', description: 'Sent back as `Last-Event-ID` when the client reconnects.' },
      retry: { type: 'integer', minimum: 0, description: 'The reconnection delay, in milliseconds.' },
      data,
    },
    required: ['data'],
  };
}

/** The documented answer of an event stream: always 200, described, with a data schema when @Returns gives one. */
export interface EventStreamAnswer {
  readonly status: number;
  readonly description: string;
  readonly content: Record<string, MediaTypeObject>;
  /** True when a @Returns description was given, which then leads the response's description. */
  readonly isDeclared: boolean;
}

/**
 * The success answer of an @Sse route: `text/event-stream` with the event format in the description. The body is
 * not JSON, so it has no body schema; a `@Returns(EventDto)` declares the type of each event's `data`, documented
 * as the schema of one event (the shape OpenAPI 3.2 calls `itemSchema`) whose `data` is a JSON text of `EventDto`
 * (`contentMediaType` and `contentSchema`). A @Returns with a status other than 200 is refused: a stream answers 200.
 * @example eventStreamAnswer(route, registry, undefined, 'ClockController.ticks').content // { 'text/event-stream': {} }
 */
export function eventStreamAnswer(
  route: RouteDescription,
  registry: SchemaRegistry,
  example: unknown,
  where: string,
): EventStreamAnswer {
  for (const declared of route.returns) {
    if (declared.status !== undefined && declared.status !== route.status) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_DOC',
        `@Returns(…, { status: ${declared.status} }) on ${where}: an @Sse route always answers ${route.status}; ` +
          "leave the status out (the type is that of each event's data)",
      );
    }
  }
  const media: MediaTypeObject = {};
  const data = route.returns.map((declared) => dataSchema(declared, registry));
  if (data.length > 0) media.schema = eventSchema(data.length === 1 ? data[0] : { anyOf: data });
  if (example !== undefined) media.example = example;
  const declared = route.returns.map((each) => each.description).filter((each) => each !== undefined);
  const description = declared.length > 0 ? `${[...new Set(declared)].join('; ')}. ${EVENT_FORMAT}` : EVENT_FORMAT;
  return { status: route.status, description, content: { [EVENT_STREAM]: media }, isDeclared: declared.length > 0 };
}
