// The pieces compiled serializers write values with; each gives exactly the text JSON.stringify gives.

// Anything JSON.stringify escapes (controls, quote, backslash) or must check (surrogates, paired or lone).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are exactly what JSON escapes.
const NEEDS_ESCAPING = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * A string as JSON text. Strings that need no escaping are quoted directly; the rest go to JSON.stringify, which
 * escapes lone surrogates as `\udXXX` and keeps valid pairs.
 * @example writeString('Ada') // '"Ada"'; writeString('a"b') // '"a\\"b"'
 */
export function writeString(text: string): string {
  if (text.length < 16) {
    // For short strings a char loop beats both the regex and JSON.stringify's call.
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code < 32 || code === 34 || code === 92 || (code >= 0xd800 && code <= 0xdfff)) return JSON.stringify(text);
    }
    return `"${text}"`;
  }
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * A finite number as JSON writes it (`-0` → `0`, `1e21` → `1e+21`); NaN and ±Infinity → `null`.
 * @example writeNumber(-0) // '0'
 */
export function writeNumber(value: number): string {
  return value - value === 0 ? `${value}` : 'null';
}

const DATE_TO_JSON = Date.prototype.toJSON;
const DATE_TO_ISO_STRING = Date.prototype.toISOString;
const DATE_VALUE_OF = Date.prototype.valueOf;
const DATE_TO_PRIMITIVE = Date.prototype[Symbol.toPrimitive];

/**
 * A Date whose toJSON, toISOString, valueOf and Symbol.toPrimitive are the built-in ones, as JSON text
 * (`"2024-01-02T03:04:05.000Z"`, or `null` for an invalid date); undefined for any other object, which the caller
 * hands to JSON.stringify.
 * @example writeDate(new Date(0)) // '"1970-01-01T00:00:00.000Z"'
 */
export function writeDate(value: object): string | undefined {
  const date = value as Date;
  if (
    !(date instanceof Date) ||
    date.toJSON !== DATE_TO_JSON ||
    date.toISOString !== DATE_TO_ISO_STRING ||
    date.valueOf !== DATE_VALUE_OF ||
    date[Symbol.toPrimitive] !== DATE_TO_PRIMITIVE
  ) {
    return undefined;
  }
  // Date.prototype.toJSON: the time value, null when it is not finite, else toISOString (ASCII, nothing to escape).
  const time = date.valueOf();
  return time - time === 0 ? `"${date.toISOString()}"` : 'null';
}

/**
 * An array item that is not an object, as JSON.stringify writes it inside an array (undefined, a function or a
 * symbol become `null`; a bigint throws, as it does there).
 * @example writeItem(undefined) // 'null'
 */
export function writeItem(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return writeString(value);
    case 'number':
      return writeNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return JSON.stringify(value) ?? 'null';
  }
}
