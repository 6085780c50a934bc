// What @Doc records on a class, a method or a property, and how the document builders read it back.

import { readMetadata, readOwnMetadata, writeMetadata } from '@corbel/core';
import { DESIGN_TYPE, DOC } from './keys';

/** Documentation a user adds by hand; each key applies where the document has a place for it (see `@Doc`). */
export interface DocOptions {
  /** A short line: an operation's summary (route methods, gateway classes and handlers). */
  readonly summary?: string;
  /** Longer text, CommonMark allowed. */
  readonly description?: string;
  /** Replace the default tag (the controller's or gateway's class name). */
  readonly tags?: readonly string[];
  readonly deprecated?: boolean;
  /** Replaces `Controller_method` (route methods and gateway handlers). */
  readonly operationId?: string;
  /** A sample value: of the success body (route methods), the message (handlers), the schema (DTOs, properties). */
  readonly example?: unknown;
  /** Gateway classes only: a class-validator DTO describing the handshake URL's query (AsyncAPI's ws binding). */
  readonly query?: abstract new (
    ...args: never[]
  ) => object;
  /** Gateway classes only: a class-validator DTO describing the handshake's headers (AsyncAPI's ws binding). */
  readonly headers?: abstract new (
    ...args: never[]
  ) => object;
}

/** Where a @Doc was written. */
export type DocPlacement = 'class' | 'method' | 'property';

export interface DocDefinition {
  readonly options: DocOptions;
  readonly placement: DocPlacement;
}

/** The properties of a class that carry @Doc, so a DTO may document a property no validator decorates. */
const DOCUMENTED_PROPERTIES = Symbol('corbel.openapi.documentedProperties');

export function defineDoc(target: object, member: string | undefined, definition: DocDefinition): void {
  const declared = readOwnMetadata<DocDefinition[]>(DOC, target, member) ?? [];
  writeMetadata(DOC, [...declared, definition], target, member);
  if (definition.placement === 'property' && member !== undefined) {
    const names = readOwnMetadata<string[]>(DOCUMENTED_PROPERTIES, target) ?? [];
    if (!names.includes(member)) writeMetadata(DOCUMENTED_PROPERTIES, [...names, member], target);
  }
}

/** The @Doc declarations on a class (`member` undefined) or one of its methods, own only. */
export function readDoc(target: object, member?: string): readonly DocDefinition[] {
  return readOwnMetadata<DocDefinition[]>(DOC, target, member) ?? [];
}

/** The @Doc declarations on a DTO property, inherited from a parent class as its validators are. */
export function readPropertyDoc(prototype: object, property: string): readonly DocDefinition[] {
  return readMetadata<DocDefinition[]>(DOC, prototype, property) ?? [];
}

/** The names of the properties documented with @Doc on a class and its ancestors, parents' first. */
export function readDocumentedProperties(prototype: object): readonly string[] {
  const chain: object[] = [];
  for (
    let current: object | null = prototype;
    current && current !== Object.prototype;
    current = Object.getPrototypeOf(current)
  ) {
    chain.unshift(current);
  }
  return [...new Set(chain.flatMap((link) => readOwnMetadata<string[]>(DOCUMENTED_PROPERTIES, link) ?? []))];
}

/** The declared type of a property (`design:type`), as TypeScript emitted it for a decorated property. */
export function readPropertyType(prototype: object, property: string): unknown {
  return readMetadata<unknown>(DESIGN_TYPE, prototype, property);
}
