// samples/cats: who sent a request, as the auth middleware found out (Express's req.user, kept beside the request).
import type { CorbelRequest } from '@corbel/core';

export interface User {
  readonly name: string;
  readonly roles: readonly string[];
}

const users = new WeakMap<CorbelRequest, User>();

export function setUser(request: CorbelRequest, user: User): void {
  users.set(request, user);
}

export function userOf(request: CorbelRequest): User | undefined {
  return users.get(request);
}
