// package.json, tsconfig.json, .gitignore and the dev loop script of a generated project.
import type { ProjectFile, ProjectOptions } from './project-options';

function packageJson(options: ProjectOptions): string {
  const dependencies: Record<string, string> = {
    '@corbel/core': options.corbelRange,
    ...(options.webSockets ? { '@corbel/ws': options.corbelRange } : {}),
    ...(options.openApi ? { '@corbel/openapi': options.corbelRange } : {}),
    'class-transformer': '^0.5.1',
    'class-validator': '^0.15.1',
  };
  const manifest = {
    name: options.name,
    version: '0.1.0',
    private: true,
    type: 'commonjs',
    engines: { node: '>=20.19' },
    scripts: {
      build: 'tsc -p .',
      dev: 'node scripts/dev.mjs',
      start: 'node dist/main.js',
      test: 'tsc -p . && node --test dist/',
    },
    dependencies,
    devDependencies: { '@types/node': '^20.19.0', typescript: '^7.0.2' },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const TSCONFIG = `{
  "compilerOptions": {
    "target": "es2022",
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "strict": true,
    // Corbel reads parameter and constructor types from decorator metadata: both flags are required.
    "experimentalDecorators": true,
    "emitDecoratorMetadata": true,
    "sourceMap": true,
    "rootDir": "src",
    "outDir": "dist",
    "types": ["node"]
  },
  "include": ["src"]
}
`;

const GITIGNORE = `node_modules/
dist/
*.tsbuildinfo
.env
`;

// tsc keeps the decorator metadata Corbel needs; node --watch restarts the server whenever tsc writes a new build.
const DEV_SCRIPT = `// npm run dev: tsc rebuilds on every change and node --watch restarts the server on every build.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const tsc = join('node_modules', 'typescript', 'bin', 'tsc');
const children = [];

// Each child gets its own process group, so stopping the loop also stops what they started (tsc's compiler).
function start(args) {
  const child = spawn(process.execPath, args, { stdio: 'inherit', detached: process.platform !== 'win32' });
  children.push(child);
  child.on('exit', () => stop('SIGTERM'));
  return child;
}

function stop(signal) {
  for (const child of children.splice(0)) {
    try {
      if (process.platform === 'win32') child.kill(signal);
      else process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

spawnSync(process.execPath, [tsc, '-p', '.'], { stdio: 'inherit' });
start([tsc, '-p', '.', '--watch', '--preserveWatchOutput']);
start(['--watch', '--enable-source-maps', 'dist/main.js']);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
`;

/** The files that describe the project rather than its code. */
export function manifestFiles(options: ProjectOptions): ProjectFile[] {
  return [
    { path: 'package.json', content: packageJson(options) },
    { path: 'tsconfig.json', content: TSCONFIG },
    { path: '.gitignore', content: GITIGNORE },
    { path: 'scripts/dev.mjs', content: DEV_SCRIPT },
  ];
}
