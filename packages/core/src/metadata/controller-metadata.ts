// What @Controller records on a class, and how the application reads it back.
import type { Constructor } from './constructor';
import { CONTROLLER } from './keys';
import { readOwnMetadata, writeMetadata } from './reflect';

export interface ControllerDefinition {
  readonly prefix: string;
}

export function defineController(target: Constructor, definition: ControllerDefinition): void {
  writeMetadata(CONTROLLER, definition, target);
}

export function readController(target: Constructor): ControllerDefinition | undefined {
  return readOwnMetadata<ControllerDefinition>(CONTROLLER, target);
}
