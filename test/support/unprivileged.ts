/**
 * Running a shipped bundle as an ordinary user. Root reads any file whatever its mode, so a
 * test of "this file cannot be read" run as root (as CI does) would prove nothing; instead the
 * bundle runs as `nobody`, from a copy in a folder that user can reach.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Spawn options and the bundle path to run; as a non-root user, the bundle as it is. */
export interface UnprivilegedRun {
  bundle: string;
  spawn: { uid?: number; gid?: number };
}

const NOBODY = 65534;

/**
 * When running as root, copies `bundle` (an esbuild output in dist/<folder>/) and the catalogue
 * files the bundles read (dist/server/*.json, and the stdio reader's parse-worker.js) into a fresh world-readable folder, in the same
 * places relative to each other, and returns spawn options that drop to `nobody`; otherwise
 * returns the bundle unchanged, since permissions already apply to this user.
 */
export function unprivileged(bundle: string): UnprivilegedRun {
  if (process.getuid?.() !== 0) return { bundle, spawn: {} };
  const dir = mkdtempSync(join(tmpdir(), 'b24-unpriv-'));
  chmodSync(dir, 0o755);
  const dist = dirname(dirname(bundle));
  const place = (from: string, folder: string) => {
    mkdirSync(join(dir, folder), { recursive: true, mode: 0o755 });
    const to = join(dir, folder, basename(from));
    copyFileSync(from, to);
    chmodSync(to, 0o644);
    return to;
  };
  const copy = place(bundle, basename(dirname(bundle)));
  // The data files and the stdio reader's worker (parse-worker.js), as they lie beside the shipped bundles.
  for (const f of readdirSync(join(dist, 'server')).filter((n) => n.endsWith('.json') || n === 'parse-worker.js')) place(join(dist, 'server', f), 'server');
  return { bundle: copy, spawn: { uid: NOBODY, gid: NOBODY } };
}

/** Makes a folder made by `mkdtemp` (mode 0700) reachable by the unprivileged user. */
export function openToOthers(dir: string): void {
  if (process.getuid?.() === 0) chmodSync(dir, 0o755);
}
