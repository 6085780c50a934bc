// What @Emits records on a gateway class: the events the server sends without being asked, and their data.
import type { Constructor, ReturnsType } from '@corbel/core';
import { readOwnMetadata, writeMetadata } from '@corbel/core';
import { EMITS } from './keys';

/** One `@Emits` declaration: an event the gateway sends unprompted, the type of its `data`, a description. */
export interface EmitsDefinition {
  readonly event: string;
  /** The type of the frame's `data`: a DTO class, or `[Dto]` for an array of them. */
  readonly type: ReturnsType;
  readonly description?: string;
}

export function defineEmits(target: Constructor, definition: EmitsDefinition): void {
  const declared = readOwnMetadata<EmitsDefinition[]>(EMITS, target) ?? [];
  // Class decorators run bottom-up; prepend so declarations keep the order they are written in.
  writeMetadata(EMITS, [definition, ...declared], target);
}

/** The @Emits declarations of a gateway class, in the order they are written. */
export function readEmits(target: Constructor): readonly EmitsDefinition[] {
  return readOwnMetadata<EmitsDefinition[]>(EMITS, target) ?? [];
}
