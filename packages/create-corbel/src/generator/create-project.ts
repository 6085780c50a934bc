// Writes a new project into a folder, refusing to touch one that already holds files.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { manifestFiles } from '../templates/manifest-files';
import type { ProjectFile, ProjectOptions } from '../templates/project-options';
import { readmeFile } from '../templates/readme-file';
import { sourceFiles } from '../templates/source-files';

/** A project cannot be written as asked (the folder is not empty); nothing was written. */
export class ProjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectError';
  }
}

/**
 * Every file of a new project, for the given options, without writing anything.
 * @example projectFiles({ name: 'my-api', webSockets: false, openApi: false, corbelRange: '^0.1.0' }).map((file) => file.path)
 */
export function projectFiles(options: ProjectOptions): ProjectFile[] {
  return [...manifestFiles(options), readmeFile(options), ...sourceFiles(options)];
}

/**
 * Writes a new project into `directory` (created if missing) and returns the paths written. Throws `ProjectError`
 * when the folder already holds files.
 * @example await createProject('my-api', { name: 'my-api', webSockets: true, openApi: false, corbelRange: '^0.1.0' });
 */
export function createProject(directory: string, options: ProjectOptions): string[] {
  const target = resolve(directory);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new ProjectError(`${target} already exists and is not empty: choose a new folder name`);
  }
  const files = projectFiles(options);
  for (const file of files) {
    const path = join(target, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
  return files.map((file) => file.path);
}
