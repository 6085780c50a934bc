// Decides, once per route, filter and plugin handler, how its answers become JSON text: options, @Returns, validation.
import { CorbelError } from '../errors/corbel-error';
import type { ValidationErrorEntry } from '../exceptions/request-validation-error';
import { ResponseValidationError } from '../exceptions/response-validation-error';
import type { FilterEntry } from '../filters/filter-table';
import type { Constructor } from '../metadata/constructor';
import { type ReturnsDefinition, readReturns } from '../metadata/response-metadata';
import { readSerializeOptions, type SerializationOptions } from '../metadata/serialization-metadata';
import type { TransformerStorage } from '../metadata/transformer-storage';
import { type DtoValidator, hasAsyncConstraints } from '../validation/dto-validator';
import { compileSerializer } from './compile-serializer';
import type { InstanceConverter } from './instance-converter';
import { converterFor, type JsonSerializer, jsonWriterFor, requireTransformerStorage } from './json-serializer';
import { checkSerializationOptions, mergeSerializationOptions } from './serialization-settings';
import { planReturns, reachablePlans, type ShapePlan } from './shape-plan';
import { shapeValue } from './shape-value';

/** What createApp passes on, unchecked. */
export interface AnswerSettings {
  readonly serialization?: unknown;
  readonly responseValidation?: unknown;
}

/** A route as the serializers need it. */
export interface RouteAnswer {
  readonly controller: Constructor;
  readonly handlerName: string;
  /** `Controller.method`, for messages. */
  readonly owner: string;
  /** The status of a successful answer: the @Returns declared for it shapes the answer. */
  readonly status: number;
  /**
   * An @Sse route: its answer is a stream of events, never one JSON value, so its @Returns describes each event's
   * data for the API's documentation and shapes nothing.
   */
  readonly isEventStream?: boolean;
}

/** Writes a filter's answer for the status it is sent with. */
type FilterAnswerWriter = (value: unknown, status: number) => string | undefined;

function invalid(message: string): CorbelError {
  return new CorbelError('CORBEL_ERR_INVALID_SERIALIZATION', message);
}

function isValidStatus(status: unknown): boolean {
  return typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 599;
}

function withoutLocation(entries: readonly ValidationErrorEntry[]) {
  return entries.map(({ loc, msg, type }) => ({ loc, msg, type }));
}

// @Returns(String) and its kin declare a scalar answer (text, for a string): documented, never shaped.
const SCALAR_TYPES = new Set<unknown>([String, Number, Boolean]);

/**
 * One per application: reads `createApp({ serialization, responseValidation })`, then each route's, filter's and
 * plugin handler's @SerializeOptions and @Returns, once, into the function that writes its answers.
 */
export class AnswerSerializers {
  /** The app-level writer: answers no route owns (global middleware on an unknown path). */
  readonly app: JsonSerializer;
  readonly #isEnabled: boolean;
  readonly #global: SerializationOptions;
  readonly #validatesAnswers: boolean;
  readonly #validator: DtoValidator;
  readonly #storage: TransformerStorage;
  readonly #converters = new Map<string, InstanceConverter | null>();
  readonly #filters = new Map<object, FilterAnswerWriter>();

  constructor(settings: AnswerSettings, validator: DtoValidator) {
    const { serialization, responseValidation } = settings;
    if (
      serialization !== undefined &&
      serialization !== false &&
      (typeof serialization !== 'object' || serialization === null)
    ) {
      throw invalid(
        `createApp({ serialization }): expected class-transformer options or false, got ${JSON.stringify(serialization) ?? typeof serialization}`,
      );
    }
    if (responseValidation !== undefined && typeof responseValidation !== 'boolean') {
      throw invalid(`createApp({ responseValidation }): expected a boolean, got ${typeof responseValidation}`);
    }
    this.#isEnabled = serialization !== false;
    this.#global =
      serialization === undefined || serialization === false
        ? {}
        : checkSerializationOptions(serialization, 'createApp({ serialization })');
    this.#validatesAnswers = responseValidation === true;
    this.#validator = validator;
    this.#storage = requireTransformerStorage();
    this.app = jsonWriterFor(this.#storage, this.#converter(this.#global));
  }

  /**
   * The writer of a route's successful answers: its @Returns for the route's status, if any, shapes them.
   * @example const serialize = answers.forRoute({ controller, handlerName: 'findOne', owner, status: 200 });
   */
  forRoute(route: RouteAnswer): JsonSerializer {
    const options = this.#optionsOf(route.controller, route.handlerName, route.owner);
    const converter = this.#converter(options);
    if (route.isEventStream) return jsonWriterFor(this.#storage, converter);
    const declared = this.#declarations(route.controller, route.handlerName, route.owner, route.status);
    const success = declared.get(route.status);
    if (success === undefined) return jsonWriterFor(this.#storage, converter);
    const { plan } = success;
    const write = jsonWriterFor(this.#storage, converter);
    // The compiled code writes specialised values itself and hands the rest to `write`, which sets up the converter
    // only for them: an answer of strings and numbers pays nothing for class-transformer's rules.
    if (!this.#validatesAnswers) return compileSerializer(plan, write);
    const asynchronous = reachablePlans(plan)
      .map((each) => each.dto)
      .find(hasAsyncConstraints);
    if (asynchronous) {
      throw invalid(
        `@Returns on ${route.owner}: ${asynchronous.name} has an async constraint, which response validation ` +
          '(synchronous, before the answer is written) cannot run; remove responseValidation or the constraint',
      );
    }
    const check = this.#validator.compileAnswerCheck(success.definition.type);
    return (value) => {
      const shaped = shapeValue(value, plan);
      const errors: ValidationErrorEntry[] = [];
      check(shaped, errors);
      if (errors.length > 0) throw new ResponseValidationError(withoutLocation(errors), route.owner);
      return write(shaped);
    };
  }

  /**
   * The writer of a plugin handler's messages (a gateway's replies and `sendJson`), with its class's and method's
   * @SerializeOptions. A @Returns on a gateway handler documents its reply (AsyncAPI) and does not shape it.
   * @example const serialize = answers.forHandler(ChatGateway, 'say');
   */
  forHandler(target: Constructor, method?: string): JsonSerializer {
    const owner = method === undefined ? target.name : `${target.name}.${method}`;
    return jsonWriterFor(this.#storage, this.#converter(this.#optionsOf(target, method, owner)));
  }

  /**
   * Refuses @Returns and @SerializeOptions on a controller method that is not a route: nothing would read them.
   * @example answers.refuseUnrouted(UsersController, ['findOne', 'create'])
   */
  refuseUnrouted(controller: Constructor, routes: readonly string[]): void {
    const prototype = controller.prototype as object;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name === 'constructor' || routes.includes(name)) continue;
      const where = `${controller.name}.${name} has no route decorator (@Get, @Post, …), so nothing would read its`;
      if (readReturns(prototype, name).length > 0) {
        throw new CorbelError('CORBEL_ERR_INVALID_RESPONSE_TYPE', `${where} @Returns`);
      }
      if (readSerializeOptions(prototype, name) !== undefined) throw invalid(`${where} @SerializeOptions`);
    }
  }

  /** Reads the @SerializeOptions and @Returns of every user filter in `entries` (each filter once). */
  prepareFilters(entries: readonly FilterEntry[]): void {
    for (const entry of entries) {
      if (entry.scope === 'default' || this.#filters.has(entry.filter)) continue;
      const filterClass = entry.filter.constructor as Constructor;
      const owner = `${entry.name}.catch`;
      const options = this.#optionsOf(filterClass, 'catch', owner);
      const converter = this.#converter(options);
      const write = jsonWriterFor(this.#storage, converter);
      const declared = this.#declarations(filterClass, 'catch', owner, undefined);
      if (declared.size === 0) {
        this.#filters.set(entry.filter, write);
        continue;
      }
      const byStatus = new Map<number | undefined, JsonSerializer>();
      for (const [status, { plan }] of declared) byStatus.set(status, compileSerializer(plan, write));
      this.#filters.set(entry.filter, (value, status) =>
        (byStatus.get(status) ?? byStatus.get(undefined) ?? write)(value),
      );
    }
  }

  /**
   * A filter's answer (not a `ResponseValue`) as JSON text: shaped by its `@Returns` for `status` (or its
   * status-less one), else serialized with its own @SerializeOptions over the app's.
   * @example answers.serializeFilterAnswer(entry.filter, { error: 'conflict' }, 409) // '{"error":"conflict"}'
   */
  serializeFilterAnswer(filter: object, value: unknown, status: number): string | undefined {
    const write = this.#filters.get(filter);
    return write === undefined ? this.app(value) : write(value, status);
  }

  #optionsOf(target: Constructor, method: string | undefined, owner: string): SerializationOptions {
    const ofClass = this.#checked(readSerializeOptions(target), target.name);
    const ofMethod =
      method === undefined ? undefined : this.#checked(readSerializeOptions(target.prototype, method), owner);
    return mergeSerializationOptions(this.#global, ofClass, ofMethod);
  }

  #checked(raw: unknown, owner: string): SerializationOptions | undefined {
    if (raw === undefined) return undefined;
    const where = `@SerializeOptions on ${owner}`;
    if (!this.#isEnabled) {
      throw invalid(`${where}: serialization is turned off for this app (createApp({ serialization: false }))`);
    }
    return checkSerializationOptions(raw, where);
  }

  #converter(options: SerializationOptions): InstanceConverter | null {
    if (!this.#isEnabled) return null;
    const key = JSON.stringify(options);
    let converter = this.#converters.get(key);
    if (converter === undefined) {
      converter = converterFor(this.#storage, options);
      this.#converters.set(key, converter);
    }
    return converter;
  }

  /**
   * The @Returns of a method by status (a declaration without status has `routeStatus`, or is the filter's
   * fallback under `undefined`), each planned; an impossible status or two declarations for one status is refused.
   */
  #declarations(
    target: Constructor,
    method: string,
    owner: string,
    routeStatus: number | undefined,
  ): Map<number | undefined, { readonly definition: ReturnsDefinition; readonly plan: ShapePlan }> {
    const declared = new Map<number | undefined, { definition: ReturnsDefinition; plan: ShapePlan }>();
    const statuses = new Set<number | undefined>();
    for (const definition of readReturns(target.prototype, method)) {
      const where = `@Returns on ${owner}`;
      if (definition.status !== undefined && !isValidStatus(definition.status)) {
        throw new CorbelError(
          'CORBEL_ERR_INVALID_RESPONSE_TYPE',
          `${where}: status ${String(definition.status)} is not an integer from 200 to 599`,
        );
      }
      const status = definition.status ?? routeStatus;
      if (statuses.has(status)) {
        throw new CorbelError(
          'CORBEL_ERR_INVALID_RESPONSE_TYPE',
          `${where}: two declarations for ${status === undefined ? 'no status' : `status ${status}`}; keep one per status`,
        );
      }
      statuses.add(status);
      // A text, number or boolean answer has nothing to shape: the declaration is for the API's documentation.
      if (SCALAR_TYPES.has(definition.type)) continue;
      const options = this.#optionsOf(target, method, owner);
      const { plan } = planReturns(this.#storage, definition.type, options, where);
      declared.set(status, { definition, plan });
    }
    return declared;
  }
}
