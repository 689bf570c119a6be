// The closing line every tier prints and `npm test` sums: `<tier>: N passed, N failed, N skipped`.

/** The closing line for mocha's runner stats (passes, failures, pending). */
export function countsLine(tier, stats = {}) {
  const { passes = 0, failures = 0, pending = 0 } = stats;
  return `${tier}: ${passes} passed, ${failures} failed, ${pending} skipped`;
}

/** Reads the counts back from a closing line, or undefined when `line` is not one. */
export function parseCounts(line) {
  const m = /(\d+) passed, (\d+) failed, (\d+) skipped/.exec(line);
  return m ? { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3]) } : undefined;
}

/** The only tests allowed to skip on CI: the contract runs against a real portal, which need its webhook. */
export const ALLOWED_CI_SKIP = /\breal portal\b/i;

/**
 * Watches a mocha runner for skipped tests. With CI set, a skip other than the real-portal
 * contract runs is listed and turns the tier red (`check()` returns the extra failure count).
 */
export function watchSkips(runner, ci = isCi()) {
  const offending = [];
  runner.on('pending', (test) => {
    const title = test.fullTitle();
    if (ci && !ALLOWED_CI_SKIP.test(title)) offending.push(title);
  });
  return {
    check() {
      if (offending.length === 0) return 0;
      console.log(`\n${offending.length} test(s) skipped on CI (only the real-portal contract runs may skip):`);
      for (const t of offending) console.log(`  - ${t}`);
      return offending.length;
    },
  };
}

/** True when `CI` is set to anything but empty, `0` or `false`. */
export function isCi(env = process.env) {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}
