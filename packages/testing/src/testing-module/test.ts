// Test: the entry point, as NestJS's `Test.createTestingModule({ ... })`.
import { type CorbelPlugin, Module, type ModuleMetadata } from '@corbel/core';
import { TestingModuleBuilder } from './testing-module-builder';

/**
 * What a testing module is made of, as a `@Module` declares it, plus the plugins its app will use (their providers,
 * such as `@corbel/ws`'s `WebSocketHub`, must exist when the module's providers are made).
 * @example { imports: [CatsModule], providers: [{ provide: Clock, useValue: fixedClock }] }
 * @example { imports: [ChatModule], plugins: [webSockets({ gateways: [ChatGateway] })] }
 */
export type TestingModuleMetadata = Pick<ModuleMetadata, 'imports' | 'controllers' | 'providers' | 'exports'> & {
  readonly plugins?: readonly CorbelPlugin[];
};

/**
 * Makes testing modules.
 * @example
 * const moduleRef = await Test.createTestingModule({ controllers: [CatsController], providers: [CatsService] }).compile();
 */
export class Test {
  /**
   * A builder for a module made of `metadata` (a fresh root module named `TestingModule`), to override and compile.
   * @example const builder = Test.createTestingModule({ imports: [AppModule] });
   */
  static createTestingModule(metadata: TestingModuleMetadata): TestingModuleBuilder {
    const { plugins = [], ...moduleMetadata } = metadata;
    const root = Object.defineProperty(class {}, 'name', { value: 'TestingModule' });
    Module(moduleMetadata)(root);
    return new TestingModuleBuilder(root, plugins);
  }
}
