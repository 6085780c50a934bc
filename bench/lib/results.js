// Collects samples by suite, target, cell and metric, indexed by round so ratios compare targets within one round.

/** An empty result set: per-round samples, conformance findings, and failures. */
function createResults() {
  return { samples: new Map(), conformance: new Map(), failures: [] };
}

/** Stores `value` for round `round`; rounds a target missed stay empty and read back as NaN. */
function recordSample(results, { suite, target, cell, metric, round, value }) {
  const key = [suite, target, cell, metric].join('\u0000');
  if (!results.samples.has(key)) results.samples.set(key, []);
  results.samples.get(key)[round] = value;
}

/** The per-round values of one metric, NaN where a round has none, `rounds` long. */
function readSamples(results, { suite, target, cell, metric }, rounds) {
  const values = results.samples.get([suite, target, cell, metric].join('\u0000')) ?? [];
  return Array.from({ length: rounds }, (_, round) => values[round] ?? Number.NaN);
}

/** Keeps the first finding per target and check, unless a later round finds it wrong: wrong is the news. */
function recordConformance(results, finding) {
  const key = `${finding.target}|${finding.check}`;
  const previous = results.conformance.get(key);
  if (previous === undefined || (previous.isOk && !finding.isOk)) results.conformance.set(key, finding);
}

/** Notes a target or cell that could not be measured, and why. */
function recordFailure(results, failure) {
  results.failures.push(failure);
}

module.exports = { createResults, recordSample, readSamples, recordConformance, recordFailure };
