// What @UsePipes records on a class or one of its methods.
import type { PipeReference } from '../pipes/pipe-transform';
import { USE_PIPES } from './keys';
import { readOwnMetadata, writeMetadata } from './reflect';

export function defineUsePipes(target: object, member: string | undefined, pipes: readonly PipeReference[]): void {
  const existing = readOwnMetadata<PipeReference[]>(USE_PIPES, target, member) ?? [];
  // Decorators run bottom-up: prepend so a stack of decorators keeps the order it is written in.
  writeMetadata(USE_PIPES, [...pipes, ...existing], target, member);
}

/** The pipes of a class (`member` undefined) or of one of its methods (the prototype and name). */
export function readUsePipes(target: object, member?: string): readonly PipeReference[] {
  return readOwnMetadata<PipeReference[]>(USE_PIPES, target, member) ?? [];
}
