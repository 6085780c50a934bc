// Races a promise against a timer that is always cleared, so bounded waits never hold the runner open afterwards.

const TIMED_OUT = Symbol('bench.timedOut');

/** Resolves `promise`'s value, or TIMED_OUT after `ms`; the timer is cleared either way. */
async function raceDeadline(promise, ms) {
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

module.exports = { raceDeadline, TIMED_OUT };
