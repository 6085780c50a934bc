// buildAsyncApiDocument: the AsyncAPI 3.0 document of an app's @corbel/ws gateways, from what they compiled.
import { type AppDescription, CorbelError, isDtoClass } from '@corbel/core';
import type { GatewayDescription, MessageHandlerDescription } from '@corbel/ws';
import { readDoc } from '../metadata/doc-metadata';
import { documentationOf } from '../metadata/doc-options';
import type { JsonSchema } from '../schemas/json-schema';
import { SchemaRegistry } from '../schemas/schema-registry';
import type {
  AsyncApiDocument,
  AsyncMessageObject,
  AsyncOperationObject,
  AsyncServerObject,
  ChannelObject,
  Reference,
} from './asyncapi-document';
import { type DocumentOptions, resolveOptions } from './document-options';
import { type GatewayOutcome, gatewayOutcomes } from './gateway-outcomes';
import { toPathTemplate } from './path-template';
import { loadWebSockets } from './web-sockets-module';

type AnyClass = abstract new (...args: never[]) => object;

const KEY_CHARACTERS = /[^A-Za-z0-9._-]/g;

function isValidated(type: unknown): boolean {
  return isDtoClass(type) || (Array.isArray(type) && type.length === 1 && isDtoClass(type[0]));
}

/** Names unique within one map, in AsyncAPI's key alphabet. */
class Keys {
  readonly #used = new Set<string>();

  take(wanted: string): string {
    const base = wanted.replace(KEY_CHARACTERS, '_') || 'unnamed';
    let key = base;
    for (let suffix = 2; this.#used.has(key); suffix++) key = `${base}_${suffix}`;
    this.#used.add(key);
    return key;
  }
}

/** `{ "event": <event>, "data": <data> }`, the frame every handler receives and replies with. */
function framePayload(event: string, data: JsonSchema, dataRequired: boolean): JsonSchema {
  return {
    type: 'object',
    properties: { event: { type: 'string', const: event }, data },
    required: dataRequired ? ['event', 'data'] : ['event'],
  };
}

/** The schema of a handler's `data`, from its @MessageBody parameters; DTOs make it required. */
function dataOf(
  handler: MessageHandlerDescription,
  registry: SchemaRegistry,
): { schema: JsonSchema; required: boolean } {
  const bodies = handler.parameters.filter((parameter) => parameter.source === 'body');
  if (bodies.length === 0) return { schema: {}, required: false };
  const schemas: JsonSchema[] = [];
  let required = false;
  const fields: Record<string, JsonSchema> = {};
  const requiredFields: string[] = [];
  for (const parameter of bodies) {
    const validated = isValidated(parameter.type);
    const schema = registry.schemaOf(parameter.type);
    if (parameter.field === undefined) schemas.push(schema);
    else {
      fields[parameter.field] = schema;
      if (validated) requiredFields.push(parameter.field);
    }
    required ||= validated;
  }
  if (Object.keys(fields).length > 0) {
    schemas.push({
      type: 'object',
      properties: fields,
      ...(requiredFields.length > 0 ? { required: requiredFields } : {}),
    });
  }
  return { schema: schemas.length === 1 ? schemas[0] : { allOf: schemas }, required };
}

function answerKey(outcome: GatewayOutcome): { order: number; text: (methods: string) => string } {
  const { answer, cause } = outcome;
  if (answer.kind === 'close') {
    return {
      order: answer.code ?? 0,
      text: (methods) => `- ${answer.code ?? "the exception's code"}: ${cause}${methods}`,
    };
  }
  if (answer.kind === 'refusal')
    return { order: answer.status, text: (methods) => `- HTTP ${answer.status}: ${cause}${methods}` };
  return { order: 0, text: (methods) => `- ${cause}${methods}: answered by ${answer.filter}, which sends a message` };
}

/** One line per answer and cause, naming the methods it concerns, by code. */
function describeAnswers(outcomes: readonly GatewayOutcome[]): string[] {
  const lines = new Map<string, { order: number; text: (methods: string) => string; methods: string[] }>();
  for (const outcome of outcomes) {
    const { order, text } = answerKey(outcome);
    const key = text('');
    const line = lines.get(key) ?? { order, text, methods: [] };
    if (outcome.method !== undefined && !line.methods.includes(outcome.method)) line.methods.push(outcome.method);
    lines.set(key, line);
  }
  return [...lines.values()]
    .sort((left, right) => left.order - right.order)
    .map((line) => line.text(line.methods.length === 0 ? '' : ` (${line.methods.join(', ')})`));
}

/** The channel's description: the user's, then how the gateway closes, refuses and answers errors. */
function channelDescription(intro: string | undefined, outcomes: readonly GatewayOutcome[]): string {
  const section = (title: string, kind: GatewayOutcome['answer']['kind']) => {
    const lines = describeAnswers(outcomes.filter((outcome) => outcome.answer.kind === kind));
    return lines.length === 0 ? [] : [`${title}\n\n${lines.join('\n')}`];
  };
  return [
    ...(intro === undefined ? [] : [intro]),
    ...section('Handshake refusals (an HTTP answer, no socket):', 'refusal'),
    ...section('Close codes:', 'close'),
    ...section('Errors answered with a message (the connection stays open):', 'message'),
  ].join('\n\n');
}

function queryOrHeaders(type: AnyClass | undefined, registry: SchemaRegistry): JsonSchema | undefined {
  if (type === undefined) return undefined;
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const property of registry.propertiesOf(type)) {
    properties[property.name] =
      property.description === undefined ? property.schema : { ...property.schema, description: property.description };
    if (property.required) required.push(property.name);
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/**
 * The AsyncAPI servers of the OpenAPI ones: `https://host/base` is `wss` on `host` with `/base`. A relative URL
 * (`/api`: "where the page came from") has no host AsyncAPI could name, so it is left out, which says the same.
 */
function serversOf(options: DocumentOptions): Record<string, AsyncServerObject> | undefined {
  const servers: Record<string, AsyncServerObject> = {};
  (options.servers ?? []).forEach((server, index) => {
    if (!URL.canParse(server.url)) return;
    const url = new URL(server.url);
    const secure = url.protocol === 'https:' || url.protocol === 'wss:';
    const entry: AsyncServerObject = { host: url.host, protocol: secure ? 'wss' : 'ws' };
    if (url.pathname !== '/') entry.pathname = url.pathname;
    if (server.description !== undefined) entry.description = server.description;
    servers[index === 0 ? 'default' : `server${index + 1}`] = entry;
  });
  return Object.keys(servers).length === 0 ? undefined : servers;
}

/**
 * Builds the AsyncAPI 3.0 document of gateway descriptions (`describeGateways(app)` from `@corbel/ws`): a
 * channel per gateway with its path parameters and the handshake's ws binding, a receive operation per
 * @SubscribeMessage handler whose message is `{ event, data }` (data from its @MessageBody DTO) and whose reply
 * comes from @Returns (and from the filters that answer its errors with a message), a send operation per @Emits,
 * and the close codes in each channel's description.
 * @example const document = buildAsyncApiFromGateways(describeGateways(app), app.describe().validation, { info });
 */
export function buildAsyncApiFromGateways(
  gateways: readonly GatewayDescription[],
  validation: AppDescription['validation'],
  options: DocumentOptions,
): AsyncApiDocument {
  const where = 'buildAsyncApiDocument()';
  const resolved = resolveOptions(options, where);
  const registry = new SchemaRegistry(validation);
  const channelKeys = new Keys();
  const operationIds = new Map<string, string>();
  const channels: Record<string, ChannelObject> = {};
  const operations: Record<string, AsyncOperationObject> = {};

  const addOperation = (id: string, owner: string, operation: AsyncOperationObject) => {
    const previous = operationIds.get(id);
    if (previous !== undefined) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_DOC',
        `operationId '${id}' is used by ${previous} and by ${owner}; give one of them @Doc({ operationId: '…' })`,
      );
    }
    operationIds.set(id, owner);
    operations[id] = operation;
  };

  for (const gateway of gateways) {
    const name = gateway.gateway.name;
    const doc = documentationOf('gateway', readDoc(gateway.gateway), name);
    const channelId = channelKeys.take(name);
    const channelRef: Reference = { $ref: `#/channels/${channelId}` };
    const template = toPathTemplate(gateway.path);
    const messageKeys = new Keys();
    const messages: Record<string, AsyncMessageObject> = {};
    const addMessage = (key: string, message: AsyncMessageObject): Reference => {
      const taken = messageKeys.take(key);
      messages[taken] = message;
      return { $ref: `#/channels/${channelId}/messages/${taken}` };
    };
    const outcomes = gatewayOutcomes(gateway, isValidated);
    const filterMessages = new Map<string, Reference>();
    const messagesOfFilters = (method: string | undefined): Reference[] => [
      ...new Set(
        outcomes.flatMap((outcome) => {
          const { answer } = outcome;
          if (outcome.method !== method || answer.kind !== 'message') return [];
          return answer.returns.map((declared) => {
            const typeName = Array.isArray(declared.type)
              ? `${declared.type[0]?.name}List`
              : (declared.type as AnyClass).name;
            const key = `${answer.filter}.${typeName}`;
            let reference = filterMessages.get(key);
            if (!reference) {
              reference = addMessage(key, {
                name: typeName,
                title: `Sent by ${answer.filter}`,
                description: declared.description ?? `What ${answer.filter} sends instead of closing the connection`,
                contentType: 'application/json',
                payload: registry.schemaOf(declared.type),
              });
              filterMessages.set(key, reference);
            }
            return reference;
          });
        }),
      ),
    ];
    const tags = (doc.tags ?? [name]).map((tag) => ({ name: tag }));

    for (const handler of gateway.handlers) {
      const owner = `${name}.${handler.method}`;
      const handlerDoc = documentationOf('handler', readDoc(gateway.gateway.prototype, handler.method), owner);
      const data = dataOf(handler, registry);
      const received = addMessage(handler.event, {
        name: handler.event,
        ...(handlerDoc.summary === undefined ? {} : { summary: handlerDoc.summary }),
        contentType: 'application/json',
        payload: framePayload(handler.event, data.schema, data.required),
        ...(handlerDoc.example === undefined
          ? {}
          : { examples: [{ payload: { event: handler.event, data: handlerDoc.example } }] }),
      });
      const replies = handler.returns.map((declared) =>
        addMessage(`${handler.event}.reply`, {
          name: handler.event,
          title: `Reply to ${handler.event}`,
          ...(declared.description === undefined ? {} : { description: declared.description }),
          contentType: 'application/json',
          payload: framePayload(handler.event, registry.schemaOf(declared.type), true),
        }),
      );
      const answers = [...replies, ...messagesOfFilters(handler.method)];
      addOperation(handlerDoc.operationId ?? `${name}_${handler.method}`, owner, {
        action: 'receive',
        channel: channelRef,
        ...(handlerDoc.summary === undefined ? {} : { summary: handlerDoc.summary }),
        ...(handlerDoc.description === undefined ? {} : { description: handlerDoc.description }),
        tags: (handlerDoc.tags ?? doc.tags ?? [name]).map((tag) => ({ name: tag })),
        messages: [received],
        ...(answers.length === 0 ? {} : { reply: { channel: channelRef, messages: answers } }),
      });
    }
    for (const emitted of gateway.emits) {
      const reference = addMessage(`${emitted.event}.emitted`, {
        name: emitted.event,
        ...(emitted.description === undefined ? {} : { description: emitted.description }),
        contentType: 'application/json',
        payload: framePayload(emitted.event, registry.schemaOf(emitted.type), true),
      });
      addOperation(
        `${name}_emit_${emitted.event.replace(KEY_CHARACTERS, '_')}`,
        `@Emits('${emitted.event}') on ${name}`,
        {
          action: 'send',
          channel: channelRef,
          ...(emitted.description === undefined ? {} : { description: emitted.description }),
          tags,
          messages: [reference],
        },
      );
    }
    // Frame errors belong to no handler (the class's table answers them); a receive loop's errors are its own.
    const frameAnswers = messagesOfFilters(gateway.receiveLoop?.method);
    if (frameAnswers.length > 0) {
      addOperation(`${name}_errors`, name, {
        action: 'send',
        channel: channelRef,
        summary: 'Errors answered with a message',
        tags,
        messages: frameAnswers,
      });
    }
    const parameters = Object.fromEntries(template.parameters.map((parameter) => [parameter.name, {}]));
    const query = queryOrHeaders(doc.query, registry);
    const headers = queryOrHeaders(doc.headers, registry);
    channels[channelId] = {
      address: template.path,
      ...(doc.summary === undefined ? {} : { summary: doc.summary }),
      description: channelDescription(doc.description, outcomes),
      tags,
      ...(template.parameters.length === 0 ? {} : { parameters }),
      messages,
      bindings: {
        ws: { method: 'GET', ...(query ? { query } : {}), ...(headers ? { headers } : {}), bindingVersion: '0.1.0' },
      },
    };
  }

  const document: AsyncApiDocument = {
    asyncapi: '3.0.0',
    info: { ...resolved.info },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { schemas: registry.components() },
  };
  const servers = serversOf(resolved);
  if (servers) document.servers = servers;
  return JSON.parse(JSON.stringify(document)) as AsyncApiDocument;
}

/**
 * The AsyncAPI 3.0 document of a created app's gateways (none without `@corbel/ws`), for exporting; the
 * `openApi()` plugin serves the same document.
 * @example writeFileSync('asyncapi.json', JSON.stringify(buildAsyncApiDocument(app, { info: { title: 'Chat', version: '1.0.0' } })));
 */
export function buildAsyncApiDocument(app: { describe(): AppDescription }, options: DocumentOptions): AsyncApiDocument {
  const gateways = loadWebSockets()?.describeGateways(app) ?? [];
  return buildAsyncApiFromGateways(gateways, app.describe().validation, options);
}
