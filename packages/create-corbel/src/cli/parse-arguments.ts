// Reads `create-corbel <folder> [--ws] [--openapi]`; anything it does not understand is refused, never ignored.
import { basename, resolve } from 'node:path';

/** What the command line asked for. */
export interface CommandLine {
  readonly directory: string;
  readonly name: string;
  readonly webSockets: boolean;
  readonly openApi: boolean;
}

/** The command line cannot be understood; the message says what was expected. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: npm create corbel@latest <folder> -- [--ws] [--openapi]
       npx create-corbel <folder> [--ws] [--openapi]

  --ws        add a WebSocket gateway (@corbel/ws)
  --openapi   add the OpenAPI document and the /docs page (@corbel/openapi)
  --help      show this text`;

// npm's rules for an unscoped package name.
const PACKAGE_NAME = /^[a-z0-9][a-z0-9._-]*$/;
const FLAGS = new Set(['--ws', '--openapi']);

/**
 * Parses the arguments after the command's name. Returns null for `--help`.
 * @example parseArguments(['my-api', '--ws']) // { directory: 'my-api', name: 'my-api', webSockets: true, openApi: false }
 */
export function parseArguments(argv: readonly string[]): CommandLine | null {
  if (argv.includes('--help') || argv.includes('-h')) return null;
  const unknown = argv.filter((argument) => argument.startsWith('-') && !FLAGS.has(argument));
  if (unknown.length > 0) throw new UsageError(`Unknown option ${unknown.join(', ')}: expected --ws or --openapi`);
  const positional = argv.filter((argument) => !argument.startsWith('-'));
  if (positional.length !== 1) {
    throw new UsageError(
      positional.length === 0 ? 'Missing the project folder' : `Expected one folder, got ${positional.join(', ')}`,
    );
  }
  const [directory] = positional;
  const name = basename(resolve(directory));
  if (!PACKAGE_NAME.test(name)) {
    throw new UsageError(
      `'${name}' cannot be an npm package name: use lowercase letters, digits, '-', '.' or '_' (e.g. my-api)`,
    );
  }
  return { directory, name, webSockets: argv.includes('--ws'), openApi: argv.includes('--openapi') };
}
