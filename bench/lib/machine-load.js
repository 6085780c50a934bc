// Measures CPU the rest of the machine used during a run: others' builds and tests skew numbers on a shared box.
const fs = require('node:fs');

// /proc/stat counts in USER_HZ ticks, 100 per second on Linux.
const MICROS_PER_TICK = 10_000;

/** All CPUs' busy time since boot in µs (user, nice, system, irq, softirq, steal); NaN where /proc/stat is absent. */
function readMachineBusyMicros() {
  try {
    const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    return (user + nice + system + irq + softirq + steal) * MICROS_PER_TICK;
  } catch {
    return Number.NaN;
  }
}

/** Starts a window; `finish(serverCpuMicros)` resolves others' CPU over it in % of one core (runner and server excluded). */
function startLoadWindow() {
  const startedAt = process.hrtime.bigint();
  const machineBefore = readMachineBusyMicros();
  const runnerBefore = process.cpuUsage();
  return {
    finish(serverCpuMicros) {
      const elapsedMicros = Number(process.hrtime.bigint() - startedAt) / 1000;
      const runner = process.cpuUsage(runnerBefore);
      const others = readMachineBusyMicros() - machineBefore - serverCpuMicros - runner.user - runner.system;
      return Math.max(0, (100 * others) / elapsedMicros);
    },
  };
}

module.exports = { startLoadWindow };
