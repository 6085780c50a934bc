// Order statistics for the few samples a benchmark cell gets: median and spread, nothing that pretends to more.

/** Median of finite numbers; NaN for an empty list, so a missing cell shows up instead of reading as zero. */
function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `{ min, max }` of finite numbers, NaN for both when there are none. */
function spread(values) {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { min: Number.NaN, max: Number.NaN };
  return { min: Math.min(...finite), max: Math.max(...finite) };
}

module.exports = { median, spread };
