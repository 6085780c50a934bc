// Compiles the decorator-based targets with the repo's own tsc, since only tsc emits the decorator metadata they need.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { BENCH_DIR, REPO_DIR } = require('./targets.js');

const TSC = path.join(REPO_DIR, 'node_modules/.bin/tsc');
const COMPILE_TIMEOUT_MS = 300_000;

/** The command line `compileGroup` runs, relative to the repo root, for the report. */
function describeCompile(group) {
  return `node_modules/.bin/tsc -p bench/${group.tsconfig}`;
}

/** Removes bench/dist, so a target whose compile now fails cannot run from a stale build. */
function cleanDist() {
  fs.rmSync(path.join(BENCH_DIR, 'dist'), { recursive: true, force: true });
}

/** Runs tsc for one group; resolves `{ ok, output }` rather than throwing, so other groups still run. */
function compileGroup(group) {
  if (!fs.existsSync(TSC)) {
    return { ok: false, output: `${TSC} not found: run npm ci at the repo root first` };
  }
  const result = spawnSync(TSC, ['-p', path.join(BENCH_DIR, group.tsconfig)], {
    cwd: REPO_DIR,
    encoding: 'utf8',
    timeout: COMPILE_TIMEOUT_MS,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim();
  return { ok: result.status === 0, output };
}

module.exports = { cleanDist, compileGroup, describeCompile };
