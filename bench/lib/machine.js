// Describes where the numbers came from: machine, Node, and the exact version of every framework measured.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BENCH_DIR, REPO_DIR } = require('./targets.js');

const PACKAGES = [
  'fastify',
  '@fastify/sse',
  '@nestjs/core',
  '@nestjs/common',
  '@nestjs/platform-fastify',
  '@nestjs/platform-express',
  '@nestjs/platform-ws',
  '@nestjs/websockets',
  'express',
  'ws',
  'class-validator',
  'class-transformer',
  'autocannon',
];

// Read package.json from disk: several of these packages' `exports` maps do not expose it to require().
function readVersion(packageDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function runGit(args) {
  const result = spawnSync('git', args, { cwd: REPO_DIR, encoding: 'utf8', timeout: 5000 });
  return result.status === 0 ? result.stdout.trim() : '';
}

// The dist under test is built from the work tree, which may hold changes no commit has yet.
function readGitCommit() {
  const commit = runGit(['log', '-1', '--format=%h %cI']) || 'no commit yet';
  return runGit(['status', '--porcelain', '--', 'packages']) === ''
    ? commit
    : `${commit}, plus uncommitted changes in packages/`;
}

/** `{ cpu, cores, memory, os, node, commit }` for the report header. */
function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit: readGitCommit(),
  };
}

/** Framework name → version, Corbel's read from the repo, the rest from bench/node_modules. */
function describeVersions() {
  const versions = {
    '@corbel/core': readVersion(path.join(REPO_DIR, 'packages/core')),
    '@corbel/ws': readVersion(path.join(REPO_DIR, 'packages/ws')),
  };
  for (const name of PACKAGES) versions[name] = readVersion(path.join(BENCH_DIR, 'node_modules', name));
  return versions;
}

module.exports = { describeMachine, describeVersions };
