// samples/cats: NestJS's RolesGuard: routes with @Roles need a user with one of them; no user answers 403.
import { type CanActivate, type ExecutionContext, Injectable, Reflector } from '@corbel/core';
import { userOf } from './current-user';
import { Roles } from './roles.decorator';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride(Roles, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const user = userOf(context.switchToHttp().getRequest());
    // A guard answers true or false, never undefined: an optional chain here would be refused as a guard result.
    if (user === undefined) return false;
    return user.roles.some((role) => roles.includes(role));
  }
}
