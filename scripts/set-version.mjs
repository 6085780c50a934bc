#!/usr/bin/env node
// Sets one version on every package of the workspace and on every @corbel/* range between them (lockstep).
// npm's own `npm version -ws` leaves the dependents' ranges behind, and lerna leaves peer ranges alone, so a 0.x
// minor bump would publish @corbel/ws still asking for the previous core.
//   node scripts/set-version.mjs 0.2.0            rewrites the package.json files (then run `npm install`)
//   node scripts/set-version.mjs 0.2.0 --dry-run  prints what it would change
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const [version, flag] = process.argv.slice(2);
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version ?? '') || (flag !== undefined && flag !== '--dry-run')) {
  process.stderr.write('usage: node scripts/set-version.mjs <x.y.z> [--dry-run]\n');
  process.exit(2);
}
const dryRun = flag === '--dry-run';
const manifests = [
  ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name, 'package.json')),
  join(root, 'samples', 'package.json'),
];
// Peers accept any compatible version; dev and direct dependencies inside the workspace are exact.
const rangeFor = { peerDependencies: `^${version}`, devDependencies: version, dependencies: version };

for (const path of manifests) {
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  const changes = [`version ${manifest.version} → ${version}`];
  manifest.version = version;
  for (const [field, range] of Object.entries(rangeFor)) {
    for (const name of Object.keys(manifest[field] ?? {})) {
      if (!name.startsWith('@corbel/') && name !== 'create-corbel') continue;
      changes.push(`${field}.${name} ${manifest[field][name]} → ${range}`);
      manifest[field][name] = range;
    }
  }
  process.stdout.write(`${manifest.name}: ${changes.join(', ')}\n`);
  if (!dryRun) writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}
if (!dryRun) process.stdout.write('Now run `npm install` to update package-lock.json, then commit and tag.\n');
