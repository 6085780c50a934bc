// create-corbel's programmatic API (the `create-corbel` command is cli.ts); this file only re-exports.
export { type CommandLine, parseArguments, UsageError } from './cli/parse-arguments';
export { createProject, ProjectError, projectFiles } from './generator/create-project';
export type { ProjectFile, ProjectOptions } from './templates/project-options';
