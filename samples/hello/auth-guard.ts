// samples/hello: a guard enforcing @SetMetadata('roles', [...]): 401 without a known token, 403 without the role.
import { type CanActivate, type ExecutionContext, HTTPUnauthorized, Injectable } from '@corbel/core';
import { Sessions } from './sessions';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly sessions: Sessions) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = context.getMetadata<string[]>('roles');
    // Routes that declare no roles are public.
    if (roles === undefined) return true;
    const session = this.sessions.fromHeader(context.request.headers.authorization);
    if (!session) throw new HTTPUnauthorized('Sign in with a bearer token', { 'WWW-Authenticate': 'Bearer' });
    return roles.some((role) => session.roles.includes(role));
  }
}
