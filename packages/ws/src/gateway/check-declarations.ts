// Refuses, at createApp, @Throws, @Emits and @SerializeOptions declarations on a gateway that could not mean what they say.
import { type Constructor, CorbelError, readSerializeOptions, readThrows } from '@corbel/core';
import { readEmits } from '../metadata/emits-metadata';
import { isSendableCloseCode } from '../transport/close-frame';

function describe(value: unknown): string {
  if (typeof value === 'function') return value.name || 'an anonymous class';
  return JSON.stringify(value) ?? String(value);
}

function isType(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 1 && typeof value[0] === 'function';
  return typeof value === 'function';
}

/**
 * @Throws on a gateway method takes a close code it may send (or an error class); on the handshake method
 * (`handleConnection`, or the receive loop) an HTTP status from 300 to 599 too, since it can refuse the upgrade.
 * @Emits takes a non-empty event, once each, and a type. @SerializeOptions belongs on the class (for `sendJson`),
 * a @SubscribeMessage handler or the receive loop: anywhere else (`handleConnection`, a helper) nothing reads it.
 * @example checkDeclarations(RoomsGateway, ['say', 'members'], 'handleConnection', false);
 */
export function checkDeclarations(
  type: Constructor,
  methods: readonly string[],
  handshakeMethod: string,
  isReceiveLoop: boolean,
): void {
  const prototype = type.prototype as object;
  refuseUnreadSerializeOptions(type, isReceiveLoop ? [...methods, handshakeMethod] : methods);
  for (const method of new Set([...methods, handshakeMethod])) {
    for (const { error } of readThrows(prototype, method)) {
      if (typeof error === 'function' || isSendableCloseCode(error)) continue;
      const isRefusal = typeof error === 'number' && Number.isInteger(error) && error >= 300 && error <= 599;
      if (isRefusal && method === handshakeMethod) continue;
      throw new CorbelError(
        'CORBEL_ERR_INVALID_GATEWAY',
        `@Throws(${describe(error)}) on ${type.name}.${method}: expected a close code that may be sent ` +
          `(1000–1003, 1007–1014, 3000–4999)${method === handshakeMethod ? ', an HTTP status from 300 to 599' : ''} ` +
          'or an error class',
      );
    }
  }
  const events = new Set<string>();
  for (const { event, type: dataType } of readEmits(type)) {
    const where = `@Emits(${describe(event)}) on ${type.name}`;
    if (typeof event !== 'string' || event === '') {
      throw new CorbelError('CORBEL_ERR_INVALID_DOC', `${where}: expected a non-empty event name`);
    }
    if (events.has(event)) throw new CorbelError('CORBEL_ERR_INVALID_DOC', `${where}: the event is declared twice`);
    if (!isType(dataType)) {
      throw new CorbelError(
        'CORBEL_ERR_INVALID_DOC',
        `${where}: expected the data's type (a class, or [Class] for an array), got ${describe(dataType)}`,
      );
    }
    events.add(event);
  }
}

function refuseUnreadSerializeOptions(type: Constructor, served: readonly string[]): void {
  for (const name of Object.getOwnPropertyNames(type.prototype)) {
    if (name === 'constructor' || served.includes(name)) continue;
    if (readSerializeOptions(type.prototype as object, name) === undefined) continue;
    throw new CorbelError(
      'CORBEL_ERR_INVALID_SERIALIZATION',
      `@SerializeOptions on ${type.name}.${name}: nothing it returns is sent, so nothing would read them; put them on ` +
        `the gateway class (its sendJson and replies) or on a @SubscribeMessage handler or @OnConnection loop`,
    );
  }
}
