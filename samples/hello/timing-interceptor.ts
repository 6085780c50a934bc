// samples/hello: an interceptor timing every handler (binding included), whether it answers or throws.
import { type CallNext, type ExecutionContext, Injectable, type Interceptor } from '@corbel/core';
import { RequestTimings } from './request-timings';

@Injectable()
export class TimingInterceptor implements Interceptor {
  constructor(private readonly timings: RequestTimings) {}

  async intercept(context: ExecutionContext, next: CallNext): Promise<unknown> {
    const started = performance.now();
    try {
      return await next();
    } finally {
      this.timings.record(`${context.controller.name}.${context.handler}`, performance.now() - started);
    }
  }
}
