// Loaded into the language server by the benchmarks (`node --require`), never shipped:
// measures the server's own event-loop stalls and memory, so a figure can tell the
// server's blocking apart from time spent in the client or the pipe.
//   SIGUSR2: print `probe {json}` on stderr (longest stall since the last report, memory), reset.
//   SIGURG:  the same after a full garbage collection (needs --expose-gc).
const { monitorEventLoopDelay } = require('node:perf_hooks');

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

function report(collected) {
  const m = process.memoryUsage();
  const mb = (n) => Math.round((n / 1048576) * 10) / 10;
  const line = {
    stallMs: Math.round(Math.max(0, histogram.max / 1e6 - 10)),
    rssMb: mb(m.rss),
    heapUsedMb: mb(m.heapUsed),
    heapTotalMb: mb(m.heapTotal),
    externalMb: mb(m.external),
    arrayBuffersMb: mb(m.arrayBuffers),
    collected,
  };
  histogram.reset();
  process.stderr.write(`probe ${JSON.stringify(line)}\n`);
}
process.on('SIGUSR2', () => report(false));
process.on('SIGURG', () => {
  if (typeof globalThis.gc === 'function') globalThis.gc();
  report(typeof globalThis.gc === 'function');
});
