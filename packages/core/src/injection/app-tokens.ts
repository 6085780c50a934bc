// The tokens of app-level enhancers: providers under them, in any module, join the app's global stages.

/**
 * A provider under this token is a global guard, made with injection from the module that declares it.
 * @example @Module({ providers: [{ provide: APP_GUARD, useClass: RolesGuard }] }) class CoreModule {}
 */
export const APP_GUARD: unique symbol = Symbol('APP_GUARD');

/**
 * A provider under this token is a global interceptor (after `createApp({ interceptors })`, in module order).
 * @example @Module({ providers: [{ provide: APP_INTERCEPTOR, useClass: TransformInterceptor }] }) class CoreModule {}
 */
export const APP_INTERCEPTOR: unique symbol = Symbol('APP_INTERCEPTOR');

/**
 * A provider under this token is a global exception filter (its class needs @Catch).
 * @example @Module({ providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }] }) class CoreModule {}
 */
export const APP_FILTER: unique symbol = Symbol('APP_FILTER');

/**
 * A provider under this token is a global pipe.
 * @example @Module({ providers: [{ provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true }) }] }) class CoreModule {}
 */
export const APP_PIPE: unique symbol = Symbol('APP_PIPE');

/** The four enhancer tokens; a module may list each any number of times. */
export type AppEnhancerToken = typeof APP_GUARD | typeof APP_INTERCEPTOR | typeof APP_FILTER | typeof APP_PIPE;

const ENHANCER_TOKENS: ReadonlySet<unknown> = new Set([APP_GUARD, APP_INTERCEPTOR, APP_FILTER, APP_PIPE]);

/** True for one of the four tokens. */
export function isAppEnhancerToken(token: unknown): token is AppEnhancerToken {
  return ENHANCER_TOKENS.has(token);
}
