// samples/cats: reads `Authorization: Bearer <role>` into the request's user (a stand-in for real authentication).
import { type CallNext, type CorbelRequest, Injectable, type Middleware } from '@corbel/core';
import { setUser } from './current-user';

@Injectable()
export class AuthMiddleware implements Middleware {
  async use(request: CorbelRequest, next: CallNext): Promise<unknown> {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const role = authorization.slice('Bearer '.length);
      setUser(request, { name: role, roles: [role] });
    }
    return next();
  }
}
