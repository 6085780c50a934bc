// samples/cats: wraps every answer in { data }, with next.handle().pipe(map(...)) as in NestJS.
import { type CallHandler, type ExecutionContext, Injectable, type Interceptor } from '@corbel/core';
import type { Observable } from 'rxjs';
import { map } from 'rxjs/operators';

@Injectable()
export class TransformInterceptor implements Interceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<{ data: unknown }> {
    return next.handle().pipe(map((data) => ({ data })));
  }
}
