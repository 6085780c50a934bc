// What @Cors and @Version record on a controller class or one of its methods, and how it is read back.
import type { CorsOptions } from '../http/cors';
import { CORS, VERSIONS } from './keys';
import { readOwnMetadata, writeMetadata } from './reflect';

/** `target` is a class (member undefined) or a prototype and a method name. */
export function defineCors(target: object, member: string | undefined, options: CorsOptions): void {
  writeMetadata(CORS, options, target, member);
}

export function readCors(target: object, member?: string): CorsOptions | undefined {
  return readOwnMetadata<CorsOptions>(CORS, target, member);
}

export function defineVersions(target: object, member: string | undefined, versions: readonly string[]): void {
  writeMetadata(VERSIONS, versions, target, member);
}

export function readVersions(target: object, member?: string): readonly string[] | undefined {
  return readOwnMetadata<readonly string[]>(VERSIONS, target, member);
}
