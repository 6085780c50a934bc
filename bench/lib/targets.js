// The catalogue of target servers: which script each runs, what it needs built first, and which suites it joins.

const fs = require('node:fs');
const path = require('node:path');

const BENCH_DIR = path.resolve(__dirname, '..');
const REPO_DIR = path.resolve(BENCH_DIR, '..');

/** Built outputs of the repo's own packages that some targets load; `npm run build` at the root makes them. */
const BUILDS = {
  core: { label: '@corbel/core', entry: path.join(REPO_DIR, 'packages/core/dist/index.js') },
  ws: { label: '@corbel/ws', entry: path.join(REPO_DIR, 'packages/ws/dist/index.js') },
};

/** TypeScript groups, compiled separately so a missing package only drops its own targets. */
const COMPILE_GROUPS = {
  nest: { tsconfig: 'tsconfig.nest.json', needs: [] },
  corbel: { tsconfig: 'tsconfig.corbel.json', needs: ['core'] },
  'corbel-ws': { tsconfig: 'tsconfig.corbel-ws.json', needs: ['core', 'ws'] },
};

function target(name, script, { group, needs = [], baseline = false, routeScaling = false, version }) {
  return { name, script, scriptPath: path.join(BENCH_DIR, script), group, needs, baseline, routeScaling, version };
}

/** HTTP targets in report order; the baseline is the one ratios are taken against. */
const HTTP_TARGETS = [
  target('raw', 'targets/raw-http.js', { baseline: true, routeScaling: true, version: 'node' }),
  target('corbel', 'dist/corbel-http.js', { group: 'corbel', needs: ['core'], routeScaling: true, version: 'corbel' }),
  target('fastify', 'targets/fastify-http.js', { routeScaling: true, version: 'fastify' }),
  target('nest-fastify', 'dist/nest-fastify.js', { group: 'nest', version: 'nest' }),
  target('nest-express', 'dist/nest-express.js', { group: 'nest', version: 'nest' }),
];

/** WebSocket targets; all answer a JSON `{event:'echo', data}` frame with one frame back. */
const WS_TARGETS = [
  target('raw-ws', 'targets/raw-ws.js', { baseline: true, version: 'ws' }),
  target('corbel-ws-subscribe', 'dist/corbel-ws-subscribe.js', {
    group: 'corbel-ws',
    needs: ['core', 'ws'],
    version: 'corbel',
  }),
  target('corbel-ws-loop', 'dist/corbel-ws-loop.js', { group: 'corbel-ws', needs: ['core', 'ws'], version: 'corbel' }),
  target('nest-ws', 'dist/nest-ws.js', { group: 'nest', version: 'nest' }),
];

/** Server-Sent Events targets; all stream `GET /events?count=N` as N `data: {"n":i,"text":"hello"}` events. */
const SSE_TARGETS = [
  target('raw-sse', 'targets/raw-sse.js', { baseline: true, version: 'node' }),
  target('corbel-sse', 'dist/corbel-sse.js', { group: 'corbel', needs: ['core'], version: 'corbel' }),
  target('fastify-sse', 'targets/fastify-sse.js', { version: 'fastify' }),
];

/** Which of BUILDS exist on disk right now. */
function findBuilds() {
  return Object.fromEntries(Object.entries(BUILDS).map(([key, build]) => [key, fs.existsSync(build.entry)]));
}

module.exports = { BENCH_DIR, REPO_DIR, BUILDS, COMPILE_GROUPS, HTTP_TARGETS, WS_TARGETS, SSE_TARGETS, findBuilds };
