// The one wording of how to get TypeScript's type metadata back, for every CORBEL_ERR_NO_TYPE_METADATA message.

/** Says how to build so that `design:paramtypes` and `design:type` exist: a sentence, without its full stop. */
export const TYPE_METADATA_FIX =
  'Turn on "emitDecoratorMetadata" (with "experimentalDecorators") and build with tsc, or with swc and ' +
  'jsc.transform.decoratorMetadata; tsx, esbuild and Vite drop this metadata';
