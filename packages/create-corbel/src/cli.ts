#!/usr/bin/env node
// The `create-corbel` command: writes a new project and says what to run next.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArguments, USAGE, UsageError } from './cli/parse-arguments';
import { createProject, ProjectError } from './generator/create-project';

function ownVersion(): string {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

function main(argv: readonly string[]): number {
  try {
    const command = parseArguments(argv);
    if (command === null) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const written = createProject(command.directory, { ...command, corbelRange: `^${ownVersion()}` });
    process.stdout.write(
      `Created ${command.name} (${written.length} files).\n\n  cd ${command.directory}\n  npm install\n  npm run dev\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ProjectError) {
      process.stderr.write(`create-corbel: ${error.message}\n\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
