// samples/hello: who a bearer token belongs to, and their roles (a stand-in for a real session store).
import { Injectable } from '@corbel/core';

export interface Session {
  user: string;
  roles: string[];
}

@Injectable()
export class Sessions {
  readonly #byToken = new Map<string, Session>([
    ['ada-token', { user: 'ada', roles: ['admin'] }],
    ['alan-token', { user: 'alan', roles: ['reader'] }],
  ]);

  /** The session of an `Authorization: Bearer <token>` header, if the token is known. */
  fromHeader(authorization: string | undefined): Session | undefined {
    if (!authorization?.startsWith('Bearer ')) return undefined;
    return this.#byToken.get(authorization.slice('Bearer '.length));
  }
}
