// Reads a V8 .cpuprofile and ranks where the time went: by function (self time) and by package or area.

const fs = require('node:fs');
const path = require('node:path');
const { REPO_DIR } = require('./targets.js');

function shortenUrl(url) {
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  return file.startsWith(REPO_DIR) ? path.relative(REPO_DIR, file) : file;
}

// node_modules/<pkg> or <@scope/pkg>, the repo's own packages, Node's internals, or V8's pseudo-nodes.
function areaOf(url, functionName) {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const file = shortenUrl(url);
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (match) return match[1];
  const ownPackage = /^packages\/([^/]+)\//.exec(file);
  if (ownPackage) return `@corbel/${ownPackage[1]}`;
  return file.startsWith('bench/') ? 'bench target' : file;
}

/** Self time per function and per area, largest first, from the profile at `file`. */
function summarizeCpuProfile(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const selfMicros = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    selfMicros.set(profile.samples[i], (selfMicros.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byFunction = new Map();
  const byArea = new Map();
  let totalMicros = 0;
  for (const node of profile.nodes) {
    const micros = selfMicros.get(node.id) ?? 0;
    if (micros === 0) continue;
    totalMicros += micros;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    const where = url === '' ? '' : `${shortenUrl(url)}:${lineNumber + 1}`;
    const key = `${name}\u0000${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const area = areaOf(url, name);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
  }
  const rank = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  return {
    totalMicros,
    functions: rank(byFunction).map(([key, micros]) => {
      const [name, where] = key.split('\u0000');
      return { name, where, micros };
    }),
    areas: rank(byArea).map(([area, micros]) => ({ area, micros })),
  };
}

module.exports = { summarizeCpuProfile };
