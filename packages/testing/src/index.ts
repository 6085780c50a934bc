// @corbel/testing's public API; this file only re-exports.
export { Test, type TestingModuleMetadata } from './testing-module/test';
export { TestingModule } from './testing-module/testing-module';
export {
  type FactoryOverride,
  type OverrideBy,
  type OverrideModuleBy,
  type OverrideProviderBy,
  TestingModuleBuilder,
} from './testing-module/testing-module-builder';
