#!/usr/bin/env node
// Installs the packed tarballs into a fresh project outside the workspace, as a registry user would get them, then
// builds a README-like app with TypeScript 5.9, 6 and 7, as CommonJS and as ESM, runs each build and calls it;
// and runs the packed create-corbel, installs the project it writes, and runs its build, test and start.
// Run by .ci/run after `npm test` (it needs the registry, so it stays out of the quick inner loop):
//   npm run build && node scripts/consumer-test.mjs
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'corbel-consumer-'));
const COMPILERS = { 5.9: 'typescript-5.9', 6: 'typescript-6', 7: 'typescript-7' };
const failures = [];

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n${result.stdout}${result.stderr}`,
    );
  }
  return `${result.stdout}${result.stderr}`;
}

function publishedPackages() {
  return readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((directory) => {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      return manifest.private !== true;
    });
}

/** `npm pack` of each package; returns package name → tarball path. */
function pack() {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  const packed = {};
  for (const directory of publishedPackages()) {
    const [info] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', tarballs], directory));
    const files = info.files.map((file) => file.path);
    for (const required of ['README.md', 'LICENSE', 'package.json']) {
      if (!files.includes(required)) failures.push(`${info.name}: the tarball has no ${required}`);
    }
    for (const file of files.filter((path) => path.endsWith('.map'))) {
      const map = JSON.parse(readFileSync(join(directory, file), 'utf8'));
      if (!Array.isArray(map.sourcesContent)) failures.push(`${info.name}: ${file} points at sources it does not ship`);
    }
    packed[info.name] = join(tarballs, info.filename);
  }
  return packed;
}

const APP = `
import 'reflect-metadata';
import { Body, Controller, createApp, Get, HTTPNotFound, Param, Post } from '@corbel/core';
import { OnConnection, type WebSocketConnection, WebSocketGateway, webSockets } from '@corbel/ws';
import { IsString, Length } from 'class-validator';

class CreateBookDto {
  @IsString() @Length(1, 80) title!: string;
}

const books = new Map([[1, { id: 1, title: 'Dune' }]]);

@Controller('/books')
export class BooksController {
  @Get('/:id')
  findOne(@Param('id') id: number) {
    const book = books.get(id);
    if (!book) throw new HTTPNotFound(\`Book \${id} not found\`);
    return book;
  }

  @Post()
  create(@Body() book: CreateBookDto) {
    return { id: books.size + 1, title: book.title };
  }
}

@WebSocketGateway('/echo')
export class EchoGateway {
  @OnConnection()
  async run(socket: WebSocketConnection) {
    await socket.sendJson(await socket.receiveJson());
  }
}

const app = createApp({ controllers: [BooksController], plugins: [webSockets({ gateways: [EchoGateway] })], logger: false });
const { url } = await app.listen(0);
process.stdout.write(\`listening \${url}\\n\`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
`;

/** The module kinds a consumer may build: CommonJS (no "type") and ESM ("type": "module"), both `nodenext`. */
const MODULE_KINDS = { cjs: {}, esm: { type: 'module' } };

function writeProject(packed) {
  const project = join(work, 'app');
  mkdirSync(project);
  const libraries = Object.entries(packed).filter(([name]) => name.startsWith('@corbel/'));
  const dependencies = Object.fromEntries(libraries.map(([name, path]) => [name, `file:${path}`]));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'corbel-consumer',
      private: true,
      dependencies: {
        ...dependencies,
        'class-validator': '^0.15.1',
        'reflect-metadata': '^0.2.2',
        '@types/node': '^20.19.0',
        'typescript-5.9': 'npm:typescript@~5.9.3',
        'typescript-6': 'npm:typescript@~6.0.3',
        'typescript-7': 'npm:typescript@~7.0.2',
        ws: '^8.23.0',
      },
    }),
  );
  const installed = run('npm', ['install', '--no-audit', '--no-fund'], project);
  if (/EBADENGINE/.test(installed))
    failures.push(`npm install warns EBADENGINE on Node ${process.version}:\n${installed}`);
  for (const [kind, manifest] of Object.entries(MODULE_KINDS)) {
    const directory = join(project, kind);
    mkdirSync(join(directory, 'src'), { recursive: true });
    writeFileSync(join(directory, 'package.json'), JSON.stringify({ private: true, ...manifest }));
    // CommonJS has no top-level await: wrap the same app in an async function there.
    const source = kind === 'esm' ? APP : `${APP.replace(/^const app =/m, 'void (async () => {\nconst app =')}})();\n`;
    writeFileSync(join(directory, 'src', 'main.ts'), source);
  }
  return project;
}

function tsconfig(outDir) {
  return JSON.stringify({
    compilerOptions: {
      target: 'es2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      strict: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      skipLibCheck: false,
      types: ['node'],
      rootDir: 'src',
      outDir,
    },
    include: ['src'],
  });
}

async function callApp(directory, outDir, label) {
  const child = spawn(process.execPath, [join(outDir, 'main.js')], {
    cwd: directory,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${label}: no "listening" line within 20 s: ${output}`)), 20_000);
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const found = /listening (\S+)/.exec(output);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`${label}: exited ${code} before listening: ${output}`)));
    });
    const found = await fetch(`${url}/books/1`);
    const body = await found.text();
    if (found.status !== 200 || body !== '{"id":1,"title":"Dune"}')
      failures.push(`${label}: GET /books/1 → ${found.status} ${body}`);
    const invalid = await fetch(`${url}/books`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: '' }),
    });
    const entries = await invalid.json();
    if (invalid.status !== 422 || entries[0]?.type !== 'isLength') {
      failures.push(`${label}: POST /books with an empty title → ${invalid.status} ${JSON.stringify(entries)}`);
    }
    const { default: WebSocket } = await import(join(directory, '..', 'node_modules', 'ws', 'index.js'));
    const socket = new WebSocket(`${url.replace('http', 'ws')}/echo`);
    await once(socket, 'open');
    socket.send('{"hello":"world"}');
    const [echo] = await once(socket, 'message');
    if (String(echo) !== '{"hello":"world"}') failures.push(`${label}: /echo answered ${String(echo)}`);
    socket.close();
  } catch (error) {
    failures.push(`${label}: ${error.message}`);
  } finally {
    child.kill('SIGTERM');
  }
}

/** Runs the packed create-corbel as `npx create-corbel` would, then the new project's own scripts. */
async function generateProject(packed) {
  const label = 'create-corbel --ws --openapi';
  const { 'create-corbel': generator, ...libraries } = packed;
  run('npm', ['exec', '--yes', `--package=${generator}`, '--', 'create-corbel', 'my-api', '--ws', '--openapi'], work);
  const project = join(work, 'my-api');
  // The @corbel/* versions it asks for are not on the registry yet: give it the tarballs instead.
  run('npm', ['install', '--no-audit', '--no-fund', ...Object.values(libraries)], project);
  run('npm', ['run', 'build'], project);
  const tests = run('npm', ['test'], project);
  if (!/# fail 0/.test(tests)) failures.push(`${label}: npm test in the new project:\n${tests}`);
  const child = spawn('npm', ['start'], { cwd: project, env: { ...process.env, PORT: '0' }, detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "Listening on" line within 20 s: ${output}`)), 20_000);
      child.stdout.on('data', () => {
        const found = /Listening on (\S+)/.exec(output);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
    });
    for (const path of ['/books/1', '/docs', '/openapi.json']) {
      const response = await fetch(`${url}${path}`);
      if (response.status !== 200) failures.push(`${label}: npm start, then GET ${path} → ${response.status}`);
    }
    process.stdout.write(`ok: ${label}: build, test, start, GET /books/1, /docs and /openapi.json\n`);
  } catch (error) {
    failures.push(`${label}: ${error.message}`);
  } finally {
    process.kill(-child.pid, 'SIGTERM');
  }
}

try {
  const packed = pack();
  await generateProject(packed);
  const project = writeProject(packed);
  for (const [version, alias] of Object.entries(COMPILERS)) {
    const tsc = join(project, 'node_modules', alias, 'bin', 'tsc');
    for (const kind of Object.keys(MODULE_KINDS)) {
      const directory = join(project, kind);
      const outDir = `dist-ts${version}`;
      const label = `TypeScript ${version}, ${kind}`;
      writeFileSync(join(directory, 'tsconfig.json'), tsconfig(outDir));
      const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: directory, encoding: 'utf8' });
      if (compiled.status !== 0) {
        failures.push(`${label}: tsc failed:\n${compiled.stdout}${compiled.stderr}`);
        continue;
      }
      await callApp(directory, join(directory, outDir), label);
      process.stdout.write(`ok: ${label}\n`);
    }
  }
} catch (error) {
  failures.push(error.message);
} finally {
  if (existsSync(work)) rmSync(work, { recursive: true, force: true });
}

if (failures.length > 0) {
  process.stderr.write(`consumer test failed:\n- ${failures.join('\n- ')}\n`);
  process.exit(1);
}
process.stdout.write(
  'consumer test: the packed packages install, compile and serve under every compiler and module kind\n',
);
