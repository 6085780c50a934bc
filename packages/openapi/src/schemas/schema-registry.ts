// The `components.schemas` of one document: a schema per DTO class, read from class-validator's metadata once.
import { getMetadataStorage, type ValidatorOptions } from 'class-validator';
import { readDoc, readDocumentedProperties, readPropertyDoc, readPropertyType } from '../metadata/doc-metadata';
import { documentationOf } from '../metadata/doc-options';
import { type JsonSchema, orNull } from './json-schema';
import { isUserClass } from './nested-type';
import { propertySchema } from './property-schema';

type AnyClass = abstract new (...args: never[]) => object;

/** One property of a DTO as a document shows it: in a schema's `properties`, or as one query/header parameter. */
export interface DescribedProperty {
  readonly name: string;
  /** The schema of its values, `null` included when the validator lets null through. */
  readonly schema: JsonSchema;
  readonly required: boolean;
  /** From the property's @Doc `summary`. */
  readonly title: string | undefined;
  readonly description: string | undefined;
  readonly example: unknown;
  readonly deprecated: boolean | undefined;
}

const NAME_CHARACTERS = /[^A-Za-z0-9._-]/g;

/** The values a DTO's field initializers give (`tags: string[] = []`); empty when it cannot be built bare. */
function initialValues(type: AnyClass): Record<string, unknown> {
  try {
    return { ...(Reflect.construct(type, []) as Record<string, unknown>) };
  } catch {
    return {};
  }
}

function isJsonValue(value: unknown): boolean {
  try {
    return JSON.stringify(value) !== undefined && typeof value !== 'function';
  } catch {
    return false;
  }
}

/** What a @Doc adds to a schema: `summary` is its `title`. */
interface SchemaDocumentation {
  readonly summary?: string;
  readonly description?: string;
  readonly example?: unknown;
  readonly deprecated?: boolean;
}

function withDocumentation(schema: JsonSchema, doc: SchemaDocumentation): JsonSchema {
  const documented: JsonSchema = { ...schema };
  if (doc.summary !== undefined) documented.title = doc.summary;
  if (doc.description !== undefined) documented.description = doc.description;
  if (doc.example !== undefined) documented.example = doc.example;
  if (doc.deprecated !== undefined) documented.deprecated = doc.deprecated;
  return documented;
}

/**
 * Builds and names the schemas of the DTO classes a document refers to. Validated properties are read as the
 * validator applies them, under the app's options (`whitelist` with `forbidNonWhitelisted` closes the object);
 * a property only `@Doc` describes (a response field) takes TypeScript's declared type and is `readOnly` when the
 * class also validates input, since the validator strips or refuses it in a request.
 * @example const registry = new SchemaRegistry(app.describe().validation); registry.refFor(CreateUserDto);
 */
export class SchemaRegistry {
  readonly #options: Readonly<ValidatorOptions>;
  readonly #schemas = new Map<string, JsonSchema>();
  readonly #names = new Map<AnyClass, string>();

  constructor(options: Readonly<ValidatorOptions>) {
    this.#options = options;
  }

  /** True when the app's validation refuses properties a DTO does not declare (`whitelist` + `forbidNonWhitelisted`). */
  get closesObjects(): boolean {
    return this.#options.whitelist === true && this.#options.forbidNonWhitelisted === true;
  }

  /** Adds a schema under a fixed name (the framework's own error bodies) and returns the reference to it. */
  define(name: string, schema: JsonSchema): JsonSchema {
    this.#schemas.set(name, schema);
    return { $ref: `#/components/schemas/${name}` };
  }

  /** The reference to a DTO class's schema, built on first use (a class that refers to itself is fine). */
  refFor(type: AnyClass): JsonSchema {
    let name = this.#names.get(type);
    if (name === undefined) {
      name = this.#freeName(type.name);
      this.#names.set(type, name);
      // Reserved before it is built, so a cycle (a tree of nodes) refers to it instead of recursing forever.
      this.#schemas.set(name, {});
      this.#schemas.set(name, this.#classSchema(type));
    }
    return { $ref: `#/components/schemas/${name}` };
  }

  /**
   * The schema of a declared type: `String`, `Number`, `Boolean`, `Date` (sent as an ISO string), `Array`, a DTO
   * class (a reference), `[Type]` for an array of them; `{}` (anything) for a type that says nothing (`Object`).
   * @example registry.schemaOf([UserDto]) // { type: 'array', items: { $ref: '#/components/schemas/UserDto' } }
   */
  schemaOf(type: unknown): JsonSchema {
    if (Array.isArray(type)) return { type: 'array', items: type.length === 1 ? this.schemaOf(type[0]) : {} };
    if (type === String) return { type: 'string' };
    if (type === Number) return { type: 'number' };
    if (type === Boolean) return { type: 'boolean' };
    if (type === Date) return { type: 'string', format: 'date-time' };
    if (type === Array) return { type: 'array' };
    if (isUserClass(type)) return this.refFor(type);
    return {};
  }

  /** Every property of a DTO class, in declaration order (parents' first), as schemas and parameters show them. */
  propertiesOf(type: AnyClass): DescribedProperty[] {
    const storage = getMetadataStorage();
    const options = this.#options;
    const metadatas = storage.getTargetValidationMetadatas(
      type as unknown as new () => object,
      '',
      options.always ?? false,
      options.strictGroups ?? false,
      options.groups,
    );
    const grouped = storage.groupByPropertyName(metadatas);
    const prototype = type.prototype as object;
    const validated = Object.keys(grouped);
    const initial = initialValues(type);
    const described: DescribedProperty[] = validated.map((name) => {
      const plan = propertySchema(grouped[name], {
        target: type,
        property: name,
        options,
        refFor: (nested) => this.refFor(nested),
      });
      let schema = plan.nullable ? orNull(plan.schema) : plan.schema;
      let required = plan.required;
      // plainToInstance starts from `new Dto()`: a field initializer fills a missing property before validation.
      const start = initial[name];
      if (start !== undefined) {
        required = start === null ? !plan.nullable : false;
        if (start !== null && isJsonValue(start)) schema = { ...schema, default: start };
      }
      return this.#describe(type, name, schema, required);
    });
    for (const name of readDocumentedProperties(prototype)) {
      if (validated.includes(name)) continue;
      const schema = this.schemaOf(readPropertyType(prototype, name));
      described.push(this.#describe(type, name, validated.length > 0 ? { ...schema, readOnly: true } : schema, false));
    }
    return described;
  }

  /** The schemas built so far, by name, for `components.schemas`. */
  components(): Record<string, JsonSchema> {
    return Object.fromEntries(this.#schemas);
  }

  #describe(type: AnyClass, name: string, schema: JsonSchema, required: boolean): DescribedProperty {
    const doc = documentationOf('property', readPropertyDoc(type.prototype, name), `${type.name}.${name}`);
    const { summary: title, description, example, deprecated } = doc;
    return { name, schema, required, title, description, example, deprecated };
  }

  #classSchema(type: AnyClass): JsonSchema {
    const doc = documentationOf('dto', readDoc(type), type.name);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const property of this.propertiesOf(type)) {
      properties[property.name] = withDocumentation(property.schema, {
        summary: property.title,
        description: property.description,
        example: property.example,
        deprecated: property.deprecated,
      });
      if (property.required) required.push(property.name);
    }
    const schema: JsonSchema = { type: 'object', properties };
    if (required.length > 0) schema.required = required;
    if (this.closesObjects) schema.additionalProperties = false;
    return withDocumentation(schema, doc);
  }

  #freeName(className: string): string {
    const base = className.replace(NAME_CHARACTERS, '_') || 'Anonymous';
    let name = base;
    for (let suffix = 2; this.#schemas.has(name); suffix++) name = `${base}_${suffix}`;
    return name;
  }
}
