// create-corbel writes a project that compiles and passes its own tests, and refuses what it does not understand.
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { createProject, ProjectError, parseArguments, projectFiles, UsageError } from 'create-corbel';

const run = promisify(execFile);
const repositoryRoot = join(__dirname, '..', '..', '..');
// Inside the repository, so the generated imports of @corbel/* resolve to the workspace packages.
const scratch = join(repositoryRoot, 'test', '.generated');
const cli = join(repositoryRoot, 'packages', 'create-corbel', 'dist', 'cli.js');
const tsc = join(repositoryRoot, 'node_modules', '.bin', 'tsc');
const OPTIONS = { name: 'my-api', webSockets: false, openApi: false, corbelRange: '^0.1.0' };

describe('create-corbel', () => {
  before(() => rmSync(scratch, { recursive: true, force: true }));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  describe('the command line', () => {
    it('takes a folder and the --ws and --openapi flags, naming the package after the folder', () => {
      expect(parseArguments(['apps/my-api', '--ws'])).to.deep.equal({
        directory: 'apps/my-api',
        name: 'my-api',
        webSockets: true,
        openApi: false,
      });
    });

    it('refuses an option it does not know rather than ignoring it', () => {
      expect(() => parseArguments(['my-api', '--websockets'])).to.throw(UsageError, 'Unknown option --websockets');
    });

    it('refuses a missing folder, two folders, and a folder name npm cannot publish', () => {
      expect(() => parseArguments([])).to.throw(UsageError, 'Missing the project folder');
      expect(() => parseArguments(['a', 'b'])).to.throw(UsageError, 'Expected one folder');
      expect(() => parseArguments(['My API'])).to.throw(UsageError, 'cannot be an npm package name');
    });

    it('exits 2 with the usage text on a bad option, and writes nothing', async () => {
      const target = join(scratch, 'refused');
      const result = spawnSync(process.execPath, [cli, target, '--nope'], { encoding: 'utf8' });
      expect(result.status).to.equal(2);
      expect(result.stderr).to.include('Unknown option --nope').and.include('Usage:');
      expect(() => readFileSync(join(target, 'package.json'))).to.throw();
    });
  });

  describe('the project', () => {
    it('gets the scripts a user runs: dev (tsc --watch + node --watch), build, start, test', () => {
      const manifest = JSON.parse(projectFiles(OPTIONS).find(({ path }) => path === 'package.json')!.content);
      expect(manifest.scripts).to.deep.equal({
        build: 'tsc -p .',
        dev: 'node scripts/dev.mjs',
        start: 'node dist/main.js',
        test: 'tsc -p . && node --test dist/',
      });
      expect(manifest.dependencies['@corbel/core']).to.equal('^0.1.0');
      expect(manifest.dependencies).to.not.have.property('@corbel/ws');
    });

    it('depends on @corbel/ws and serves a gateway only with --ws', () => {
      const files = projectFiles({ ...OPTIONS, webSockets: true });
      const manifest = JSON.parse(files.find(({ path }) => path === 'package.json')!.content);
      expect(manifest.dependencies['@corbel/ws']).to.equal('^0.1.0');
      expect(files.map(({ path }) => path)).to.include('src/chat/chat-gateway.ts');
      expect(files.find(({ path }) => path === 'src/main.ts')!.content).to.include(
        'webSockets({ gateways: [ChatGateway] })',
      );
    });

    it('serves the OpenAPI document and the /docs page only with --openapi', () => {
      const files = projectFiles({ ...OPTIONS, openApi: true });
      const manifest = JSON.parse(files.find(({ path }) => path === 'package.json')!.content);
      expect(manifest.dependencies['@corbel/openapi']).to.equal('^0.1.0');
      expect(files.find(({ path }) => path === 'src/main.ts')!.content).to.include("openApi({ info: { title: 'my-api'");
      const plain = projectFiles(OPTIONS).find(({ path }) => path === 'src/main.ts')!.content;
      expect(plain).to.not.include('openApi');
    });

    it('turns on both decorator flags, without which Corbel refuses to start', () => {
      const tsconfig = projectFiles(OPTIONS).find(({ path }) => path === 'tsconfig.json')!.content;
      expect(tsconfig).to.include('"experimentalDecorators": true').and.include('"emitDecoratorMetadata": true');
    });

    it('is never written over a folder that holds files', () => {
      const target = join(scratch, 'occupied');
      mkdirSync(target, { recursive: true });
      writeFileSync(join(target, 'notes.txt'), 'mine');
      expect(() => createProject(target, OPTIONS)).to.throw(ProjectError, 'is not empty');
      expect(readFileSync(join(target, 'notes.txt'), 'utf8')).to.equal('mine');
    });

    it('compiles and passes its own tests, plain and with --ws --openapi', async function () {
      this.timeout(60_000);
      for (const flags of [[], ['--ws', '--openapi']]) {
        const target = join(scratch, flags.length === 0 ? 'plain' : 'with-all');
        const result = spawnSync(process.execPath, [cli, target, ...flags], { encoding: 'utf8' });
        expect(result.status, result.stderr).to.equal(0);
        await run(tsc, ['-p', target]);
        const tests = await run(process.execPath, ['--test', join(target, 'dist')]);
        expect(tests.stdout)
          .to.match(/# pass 3\n/)
          .and.match(/# fail 0\n/);
      }
    });
  });
});
