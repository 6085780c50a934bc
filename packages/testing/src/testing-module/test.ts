// Test: the entry point, as NestJS's `Test.createTestingModule({ ... })`.
import { Module, type ModuleMetadata } from '@corbel/core';
import { TestingModuleBuilder } from './testing-module-builder';

/**
 * What a testing module is made of, as a `@Module` declares it.
 * @example { imports: [CatsModule], providers: [{ provide: Clock, useValue: fixedClock }] }
 */
export type TestingModuleMetadata = Pick<ModuleMetadata, 'imports' | 'controllers' | 'providers' | 'exports'>;

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
    const root = Object.defineProperty(class {}, 'name', { value: 'TestingModule' });
    Module(metadata)(root);
    return new TestingModuleBuilder(root);
  }
}
