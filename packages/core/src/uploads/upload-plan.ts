// Reads a route's upload parameters once at start-up into per-field rules: who takes a file, and its limits.
import { CorbelError } from '../errors/corbel-error';
import { checkOptionKeys, checkWholeNumber } from '../errors/option-checks';
import { HTTPException } from '../exceptions/http-exception';
import type { UploadParameterDefinition } from '../metadata/upload-metadata';
import { isMimePattern, MimeTypes } from './file-type-check';
import type { ResolvedUploadSettings } from './upload-settings';

/** One @UploadedFile or @UploadedFiles parameter, its options checked. */
export interface UploadParameter {
  /** Position in the per-request file counts. */
  readonly slot: number;
  readonly index: number;
  readonly kind: 'file' | 'files';
  /** Undefined: every file of the body. */
  readonly field: string | undefined;
  readonly maxSize: number | undefined;
  readonly mimeTypes: MimeTypes | undefined;
  readonly required: boolean;
  readonly maxCount: number | undefined;
}

/** What happens to a file sent in one field. */
export interface FieldRule {
  readonly takers: readonly UploadParameter[];
  readonly sizeLimit: number;
  /** The name of the limit `sizeLimit` comes from, for the 413's detail. */
  readonly sizeLimitName: string;
  /** Whether a taker checks types, so the leading bytes are kept. */
  readonly sniffs: boolean;
}

const FILE_KEYS = ['maxSize', 'mimeTypes', 'required'];
const FILES_KEYS = [...FILE_KEYS, 'maxCount'];
const FORBIDDEN_FIELDS = new Set(['__proto__', 'constructor', 'prototype']);
const CODE = 'CORBEL_ERR_INVALID_PARAMETER';

function describe(definition: UploadParameterDefinition, owner: string): string {
  const decorator = definition.kind === 'file' ? 'UploadedFile' : 'UploadedFiles';
  const field = typeof definition.field === 'string' ? `'${definition.field}'` : '';
  return `@${decorator}(${field}) on ${owner} (parameter #${definition.index + 1})`;
}

function checkField(definition: UploadParameterDefinition, where: string): string | undefined {
  const { field } = definition;
  if (field === undefined && definition.kind === 'files') return undefined;
  if (typeof field !== 'string' || field === '' || FORBIDDEN_FIELDS.has(field)) {
    throw new CorbelError(
      CODE,
      `${where}: expected the name of a form field, got ${JSON.stringify(field) ?? 'undefined'}`,
    );
  }
  return field;
}

function checkMimeTypes(value: unknown, where: string): MimeTypes | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every(isMimePattern)) {
    throw new CorbelError(
      CODE,
      `${where}: mimeTypes must be a non-empty array of lower-case types such as 'image/png' or 'image/*', got ` +
        `${JSON.stringify(value)}`,
    );
  }
  return new MimeTypes(value);
}

function compileParameter(
  definition: UploadParameterDefinition,
  slot: number,
  owner: string,
  settings: ResolvedUploadSettings,
): UploadParameter {
  const where = describe(definition, owner);
  const field = checkField(definition, where);
  const options = definition.options;
  checkOptionKeys(options, definition.kind === 'file' ? FILE_KEYS : FILES_KEYS, CODE, where);
  const maxSize =
    options.maxSize === undefined ? undefined : checkWholeNumber(options.maxSize, 1, 0, CODE, `${where} (maxSize)`);
  if (maxSize !== undefined && maxSize > settings.fileSize) {
    throw new CorbelError(
      CODE,
      `${where}: maxSize ${maxSize} is over uploads.fileSize (${settings.fileSize}), which would refuse such a file ` +
        'first; raise createApp({ uploads: { fileSize } })',
    );
  }
  const maxCount =
    options.maxCount === undefined ? undefined : checkWholeNumber(options.maxCount, 1, 0, CODE, `${where} (maxCount)`);
  if (options.required !== undefined && typeof options.required !== 'boolean') {
    throw new CorbelError(CODE, `${where}: required must be true or false, got ${JSON.stringify(options.required)}`);
  }
  return {
    slot,
    index: definition.index,
    kind: definition.kind,
    field,
    maxSize,
    mimeTypes: checkMimeTypes(options.mimeTypes, where),
    required: options.required ?? definition.kind === 'file',
    maxCount,
  };
}

function ruleOf(takers: readonly UploadParameter[], settings: ResolvedUploadSettings): FieldRule {
  let sizeLimit = settings.fileSize;
  let sizeLimitName = 'the uploads.fileSize limit';
  for (const taker of takers) {
    if (taker.maxSize !== undefined && taker.maxSize < sizeLimit) {
      sizeLimit = taker.maxSize;
      sizeLimitName = 'the maxSize';
    }
  }
  return { takers, sizeLimit, sizeLimitName, sniffs: takers.some((taker) => taker.mimeTypes !== undefined) };
}

/** The upload parameters of one route, and the rule for each field a file may come in. */
export class UploadPlan {
  readonly parameters: readonly UploadParameter[];
  readonly sniffs: boolean;
  readonly #rules: ReadonlyMap<string, FieldRule>;
  /** The rule for a field no parameter names: only an @UploadedFiles() without a field takes it. */
  readonly #otherFields: FieldRule | null;
  readonly #named: string;

  constructor(owner: string, definitions: readonly UploadParameterDefinition[], settings: ResolvedUploadSettings) {
    this.parameters = definitions.map((definition, slot) => compileParameter(definition, slot, owner, settings));
    const seen = new Set<string | undefined>();
    for (const parameter of this.parameters) {
      if (seen.has(parameter.field)) {
        const which = parameter.field === undefined ? 'every file' : `the field '${parameter.field}'`;
        throw new CorbelError(
          CODE,
          `${describe(definitions[parameter.slot], owner)}: another upload parameter already takes ${which}; ` +
            'declare each field once',
        );
      }
      seen.add(parameter.field);
    }
    const everyFile = this.parameters.filter((parameter) => parameter.field === undefined);
    const rules = new Map<string, FieldRule>();
    for (const parameter of this.parameters) {
      if (parameter.field !== undefined) rules.set(parameter.field, ruleOf([parameter, ...everyFile], settings));
    }
    this.#rules = rules;
    this.#otherFields = everyFile.length > 0 ? ruleOf(everyFile, settings) : null;
    this.#named = [...rules.keys()].map((field) => `'${field}'`).join(', ');
    this.sniffs = this.parameters.some((parameter) => parameter.mimeTypes !== undefined);
  }

  /** The rule for a file in `field`; a field no parameter takes is a 400. */
  ruleFor(field: string): FieldRule {
    const rule = this.#rules.get(field) ?? this.#otherFields;
    if (rule === null) {
      throw new HTTPException(400, `Unexpected file in the field '${field}': this route takes files in ${this.#named}`);
    }
    return rule;
  }

  /** Counts a file against each parameter that takes it; one too many is a 400 (@UploadedFile) or a 413 (maxCount). */
  count(rule: FieldRule, field: string, counts: number[]): void {
    for (const taker of rule.takers) {
      const count = ++counts[taker.slot];
      if (taker.kind === 'file' && count > 1) {
        throw new HTTPException(400, `Expected one file in the field '${field}', got more`);
      }
      if (taker.maxCount !== undefined && count > taker.maxCount) {
        const where = taker.field === undefined ? '' : ` in the field '${field}'`;
        throw new HTTPException(413, `More files${where} than the maxCount of ${taker.maxCount}`);
      }
    }
  }
}
