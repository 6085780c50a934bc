// samples/cats: a handler that takes longer than 5 s answers 408, with rxjs's timeout() as in NestJS.
import {
  type CallHandler,
  type ExecutionContext,
  HTTPRequestTimeout,
  Injectable,
  type Interceptor,
} from '@corbel/core';
import { type Observable, TimeoutError, throwError } from 'rxjs';
import { catchError, timeout } from 'rxjs/operators';

@Injectable()
export class TimeoutInterceptor implements Interceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      timeout(5000),
      catchError((error: unknown) =>
        throwError(() => (error instanceof TimeoutError ? new HTTPRequestTimeout() : error)),
      ),
    );
  }
}
