// Turns collected samples into the markdown report: medians, ratios to raw within each round, spreads, and context.

const { ROUTE_COUNTS } = require('./route-suite.js');
const { readSamples } = require('./results.js');
const { median, spread } = require('./stats.js');

const MB = 2 ** 20;

function formatInteger(value) {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–';
}

function formatFixed(value, digits) {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

function formatRange(values, format) {
  const { min, max } = spread(values);
  return Number.isFinite(min) ? `${format(min)}–${format(max)}` : '–';
}

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

// Per round: the share of one core the server used, in percent (rate × CPU per item).
function coreShare(ratesPerSecond, cpuMicrosPerItem) {
  return ratesPerSecond.map((rate, round) => (rate * cpuMicrosPerItem[round]) / 1e4);
}

// Ratio per round first, then the median of those: a slow round slows raw and the target together.
function ratiosToBaseline(values, baselineValues) {
  return values.map((value, round) => value / baselineValues[round]);
}

function httpSections(results, targets, rounds, scenarios) {
  const read = (target, cell, metric) => readSamples(results, { suite: 'http', target, cell, metric }, rounds);
  const baseline = targets.find((target) => target.baseline)?.name;
  const summaryRows = targets.map((target) => [
    target.name,
    ...scenarios.map((scenario) => {
      const rps = read(target.name, scenario.id, 'rps');
      const ratio = median(ratiosToBaseline(rps, read(baseline, scenario.id, 'rps')));
      return `${formatInteger(median(rps))} (${formatFixed(ratio, 2)}×)`;
    }),
  ]);
  const detailRows = targets.flatMap((target) =>
    scenarios.map((scenario) => {
      const rps = read(target.name, scenario.id, 'rps');
      const unexpected = read(target.name, scenario.id, 'unexpected').filter(Number.isFinite);
      return [
        target.name,
        `${scenario.id} ${scenario.title}`,
        formatInteger(median(rps)),
        formatFixed(median(ratiosToBaseline(rps, read(baseline, scenario.id, 'rps'))), 2),
        formatRange(rps, formatInteger),
        formatFixed(median(read(target.name, scenario.id, 'cpuMicrosPerRequest')), 1),
        formatFixed(median(coreShare(rps, read(target.name, scenario.id, 'cpuMicrosPerRequest'))), 0),
        formatFixed(median(read(target.name, scenario.id, 'p99Ms')), 0),
        formatFixed(median(read(target.name, scenario.id, 'othersCpuPercent')), 0),
        unexpected.length === 0 ? '–' : formatInteger(unexpected.reduce((sum, count) => sum + count, 0)),
      ];
    }),
  );
  const startupRows = targets.map((target) => {
    const cold = read(target.name, 'startup', 'coldStartMs');
    return [
      target.name,
      formatInteger(median(cold)),
      formatRange(cold, formatInteger),
      formatFixed(median(read(target.name, 'startup', 'rssIdle')) / MB, 1),
      formatFixed(median(read(target.name, 'startup', 'rssAfter')) / MB, 1),
    ];
  });
  return [
    '## HTTP throughput: median req/s (median ratio to raw in the same round)',
    table(['target', ...scenarios.map((scenario) => `${scenario.id}: ${scenario.title}`)], summaryRows),
    '## HTTP detail',
    "CPU µs/req is the server process's own user+system time over the measured run divided by the responses it " +
      'served. Server CPU % is that time as a share of one core: autocannon runs on the same 2 cores, so a server ' +
      'well under 100 % was waiting on the load generator and its req/s is a floor; compare CPU µs/req there. ' +
      '"unexpected" sums, over all rounds, responses with another status than the scenario\'s plus socket errors ' +
      "and timeouts. Others' CPU % is what the rest of the machine (not the runner, not the server) used during " +
      'the measured run, in % of one core: a high value marks a cell disturbed by other work on the box.',
    table(
      [
        'target',
        'scenario',
        'req/s (median)',
        '× raw',
        'min–max req/s',
        'CPU µs/req',
        'server CPU %',
        'p99 ms',
        "others' CPU %",
        'unexpected',
      ],
      detailRows,
    ),
    '## Start-up and memory',
    'Cold start: from `fork()` to the first 200 on `GET /users/7`, polled every 5 ms. RSS after load: after all the ' +
      'scenarios of a round.',
    table(['target', 'cold start ms (median)', 'min–max ms', 'RSS idle MB', 'RSS after load MB'], startupRows),
  ];
}

function wsSection(results, targets, rounds) {
  const read = (target, metric) => readSamples(results, { suite: 'ws', target, cell: 'echo', metric }, rounds);
  const baseline = targets.find((target) => target.baseline)?.name;
  const rows = targets.map((target) => {
    const rtps = read(target.name, 'rtps');
    const errors = read(target.name, 'errors').filter(Number.isFinite);
    return [
      target.name,
      formatInteger(median(rtps)),
      formatFixed(median(ratiosToBaseline(rtps, read(baseline, 'rtps'))), 2),
      formatRange(rtps, formatInteger),
      formatFixed(median(read(target.name, 'cpuMicrosPerRoundTrip')), 1),
      formatFixed(median(coreShare(rtps, read(target.name, 'cpuMicrosPerRoundTrip'))), 0),
      formatFixed(median(read(target.name, 'rssAfter')) / MB, 1),
      formatFixed(median(read(target.name, 'othersCpuPercent')), 0),
      errors.length === 0 ? '–' : String(errors.reduce((sum, count) => sum + count, 0)),
    ];
  });
  return [
    '## WebSocket echo: 50 clients, each send → await reply → repeat',
    table(
      [
        'target',
        'round trips/s (median)',
        '× raw-ws',
        'min–max',
        'CPU µs/round trip',
        'server CPU %',
        'RSS after MB',
        "others' CPU %",
        'errors',
      ],
      rows,
    ),
  ];
}

function sseSection(results, targets, rounds) {
  const read = (target, metric) => readSamples(results, { suite: 'sse', target, cell: 'events', metric }, rounds);
  const baseline = targets.find((target) => target.baseline)?.name;
  const rows = targets.map((target) => {
    const eps = read(target.name, 'eps');
    const errors = read(target.name, 'errors').filter(Number.isFinite);
    return [
      target.name,
      formatInteger(median(eps)),
      formatFixed(median(ratiosToBaseline(eps, read(baseline, 'eps'))), 2),
      formatRange(eps, formatInteger),
      formatFixed(median(read(target.name, 'cpuMicrosPerEvent')), 2),
      formatFixed(median(coreShare(eps, read(target.name, 'cpuMicrosPerEvent'))), 0),
      formatFixed(median(read(target.name, 'rssAfter')) / MB, 1),
      formatFixed(median(read(target.name, 'othersCpuPercent')), 0),
      errors.length === 0 ? '–' : String(errors.reduce((sum, count) => sum + count, 0)),
    ];
  });
  return [
    '## Server-Sent Events: 100 concurrent streams of 1,000 events each, reconnecting until the deadline',
    'Every target streams `data: {"n":i,"text":"hello"}` events from a loop (raw: `res.write` with backpressure; ' +
      'Corbel: an `@Sse` async generator; Fastify: `@fastify/sse` sending an async generator). The load client ' +
      'counts events as bytes arrive and shares the 2 cores with the server, as autocannon does.',
    table(
      [
        'target',
        'events/s (median)',
        '× raw-sse',
        'min–max',
        'CPU µs/event',
        'server CPU %',
        'RSS after MB',
        "others' CPU %",
        'errors',
      ],
      rows,
    ),
  ];
}

function routesSection(results, targets, rounds) {
  const read = (target, count, metric = 'rps') =>
    readSamples(results, { suite: 'routes', target, cell: String(count), metric }, rounds);
  const baseline = targets.find((target) => target.baseline)?.name;
  const [few, many] = ROUTE_COUNTS;
  const rows = targets.map((target) => {
    const fewRps = read(target.name, few);
    const manyRps = read(target.name, many);
    return [
      target.name,
      `${formatInteger(median(fewRps))} (${formatFixed(median(ratiosToBaseline(fewRps, read(baseline, few))), 2)}×)`,
      `${formatInteger(median(manyRps))} (${formatFixed(median(ratiosToBaseline(manyRps, read(baseline, many))), 2)}×)`,
      formatFixed(median(ratiosToBaseline(manyRps, fewRps)), 2),
      formatFixed(
        median([...read(target.name, few, 'othersCpuPercent'), ...read(target.name, many, 'othersCpuPercent')]),
        0,
      ),
    ];
  });
  return [
    `## Route-count scaling: scenario A with ${few} and ${many.toLocaleString('en-US')} registered routes`,
    'Extra routes are `GET /r<i>/:id`, registered before the scenario routes (Corbel: one controller each). ' +
      'For raw, "N routes" means N entries in a `Map` keyed by method and first path segment, so its lookup stays ' +
      'O(1): the best a hand-written dispatcher does.',
    table(
      [
        'target',
        `${few} routes req/s (× raw)`,
        `${many} routes req/s (× raw)`,
        `${many}/${few} (same round)`,
        "others' CPU %",
      ],
      rows,
    ),
  ];
}

function conformanceSection(results) {
  const findings = [...results.conformance.values()];
  const rows = findings.map((finding) => [
    finding.isOk ? 'ok' : '**WRONG**',
    finding.target,
    `\`${finding.check}\``,
    finding.expected,
    `\`${finding.got.replaceAll('|', '\\|').replaceAll('\n', ' ')}\``,
  ]);
  return [
    '## Conformance: one request per cell before its load',
    findings.some((finding) => !finding.isOk)
      ? 'Some targets answered wrongly; their throughput numbers measure a different response.'
      : 'Every target answered every scenario as specified.',
    table(['', 'target', 'request', 'expected', 'got'], rows),
  ];
}

function contextSection(context) {
  const { machine, versions, commands, notes } = context;
  return [
    `# Corbel benchmark: ${context.label}`,
    `${context.startedAt.toISOString()}, ${context.rounds} round(s), ${context.duration} s measured + ` +
      `${context.warmup} s warm-up per cell, ${context.elapsedMinutes.toFixed(1)} min in all.`,
    table(
      ['', ''],
      [
        ['machine', `${machine.cpu}, ${machine.cores} cores, ${machine.memory}`],
        ['OS', machine.os],
        ['Node', machine.node],
        ['repo commit', machine.commit],
        ['load average (1 min) at start, end', `${context.loadAverages.map((load) => load.toFixed(2)).join(', ')}`],
        ...Object.entries(versions).map(([name, version]) => [name, version]),
      ],
    ),
    '## Commands',
    commands.map((command) => `    ${command}`).join('\n'),
    ...(notes.length > 0 ? ['## Notes', notes.map((note) => `- ${note}`).join('\n')] : []),
  ];
}

function failuresSection(results) {
  if (results.failures.length === 0) return [];
  const rows = results.failures.map((failure) => [
    String(failure.round + 1),
    failure.target,
    failure.what,
    `\`${failure.message.split('\n')[0].replaceAll('|', '\\|')}\``,
  ]);
  return ['## Failures', table(['round', 'target', 'during', 'error'], rows)];
}

/** The whole report as markdown. */
function renderReport(results, context) {
  const sections = [...contextSection(context)];
  if (context.httpTargets.length > 0) {
    sections.push(...httpSections(results, context.httpTargets, context.rounds, context.scenarios));
  }
  if (context.wsTargets.length > 0) sections.push(...wsSection(results, context.wsTargets, context.rounds));
  if (context.routeTargets.length > 0) sections.push(...routesSection(results, context.routeTargets, context.rounds));
  if (context.sseTargets?.length > 0) sections.push(...sseSection(results, context.sseTargets, context.rounds));
  sections.push(...conformanceSection(results), ...failuresSection(results));
  return `${sections.join('\n\n')}\n`;
}

module.exports = { renderReport };
