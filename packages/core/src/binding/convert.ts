// Converts path, query, header and cookie strings to the parameter's declared type, or says why it cannot.

/** Why a value could not be converted; becomes one `RequestValidationError` entry. */
export class ConversionFailure {
  constructor(
    readonly type: string,
    readonly msg: string,
  ) {}
}

/** Turns a raw string (or repeated values) into the declared type; throws `ConversionFailure`. */
export type Converter = (raw: string | string[]) => unknown;

// A plain decimal: no exponent, hex, spaces or trailing text, so '1e999', '0x10', ' 3' and '12abc' are refused.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

const NOT_A_NUMBER = new ConversionFailure(
  'number_parsing',
  'Input should be a valid number, unable to parse string as a number',
);
const NOT_A_BOOLEAN = new ConversionFailure(
  'bool_parsing',
  'Input should be a valid boolean, unable to interpret input (expected true, false, 1 or 0)',
);

function single(raw: string | string[]): string {
  if (typeof raw === 'string') return raw;
  if (raw.length === 1) return raw[0];
  throw new ConversionFailure('multiple_values', `Input should be a single value, got ${raw.length} values`);
}

function toNumber(raw: string | string[]): number {
  const value = single(raw);
  if (!DECIMAL.test(value)) throw NOT_A_NUMBER;
  const number = Number(value);
  if (!Number.isFinite(number)) throw NOT_A_NUMBER;
  return number;
}

function toBoolean(raw: string | string[]): boolean {
  const value = single(raw).toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw NOT_A_BOOLEAN;
}

function toStringValue(raw: string | string[]): string {
  return single(raw);
}

function toArray(raw: string | string[]): string[] {
  return typeof raw === 'string' ? [raw] : raw;
}

function asIs(raw: string | string[]): unknown {
  return raw;
}

/** The converter for a declared type (`Number`, `Boolean`, `String`, `Array`); anything else is passed as is. */
export function converterFor(declaredType: unknown): Converter {
  if (declaredType === Number) return toNumber;
  if (declaredType === Boolean) return toBoolean;
  if (declaredType === String) return toStringValue;
  if (declaredType === Array) return toArray;
  return asIs;
}
