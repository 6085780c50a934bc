// The lifecycle hooks a provider (or controller, guard, module class…) may implement, and the runner calling them.
import type { Logger } from '../logging/logger';

/**
 * Called once all instances exist, before the app serves (dependencies first).
 * @example @Injectable() class Cache implements OnModuleInit { async onModuleInit() { await this.warm(); } }
 */
export interface OnModuleInit {
  onModuleInit(): unknown;
}

/**
 * Called after every `onModuleInit`, still before the app serves.
 * @example @Injectable() class Announcer implements OnApplicationBootstrap { onApplicationBootstrap() { this.ready = true; } }
 */
export interface OnApplicationBootstrap {
  onApplicationBootstrap(): unknown;
}

/**
 * Called by `close()` after the server has stopped, dependents before their dependencies; `signal` is set when
 * a signal wired by `enableShutdownHooks()` started the close.
 * @example @Injectable() class Database implements OnApplicationShutdown { async onApplicationShutdown() { await this.pool.end(); } }
 */
export interface OnApplicationShutdown {
  onApplicationShutdown(signal?: string): unknown;
}

type HookName = 'onModuleInit' | 'onApplicationBootstrap' | 'onApplicationShutdown';

async function callHook(instances: readonly object[], hook: HookName, argument?: string): Promise<void> {
  for (const instance of instances) {
    const method = (instance as Partial<Record<HookName, (signal?: string) => unknown>>)[hook];
    if (typeof method === 'function') await method.call(instance, argument);
  }
}

/** Runs the hooks of an app's instances: init once (awaiting async providers first), shutdown once. */
export class Lifecycle {
  readonly #instances: () => readonly object[];
  readonly #ready: () => Promise<void> | undefined;
  readonly #logger: Logger;
  #initialising: Promise<void> | undefined;
  #shuttingDown: Promise<void> | undefined;

  constructor(instances: () => readonly object[], ready: () => Promise<void> | undefined, logger: Logger) {
    this.#instances = instances;
    this.#ready = ready;
    this.#logger = logger;
  }

  /** Awaits async factories, then calls every onModuleInit, then every onApplicationBootstrap; once. */
  init(): Promise<void> {
    this.#initialising ??= this.#init();
    return this.#initialising;
  }

  async #init(): Promise<void> {
    await this.#ready();
    const instances = this.#instances();
    await callHook(instances, 'onModuleInit');
    await callHook(instances, 'onApplicationBootstrap');
  }

  /** Calls every onApplicationShutdown in reverse creation order; a failing hook is logged, the rest still run. */
  shutdown(signal?: string): Promise<void> {
    this.#shuttingDown ??= this.#shutdown(signal);
    return this.#shuttingDown;
  }

  async #shutdown(signal: string | undefined): Promise<void> {
    // An init still running must finish first, or a hook could close what onModuleInit is opening.
    await this.#initialising?.catch(() => {});
    for (const instance of [...this.#instances()].reverse()) {
      try {
        await callHook([instance], 'onApplicationShutdown', signal);
      } catch (error) {
        this.#logger.error(
          { err: error, instance: instance.constructor?.name },
          'onApplicationShutdown failed; the other shutdown hooks still run',
        );
      }
    }
  }
}
