/**
 * Running a shipped bundle as an ordinary user. Root reads any file whatever its mode, so a
 * test of "this file cannot be read" run as root (as CI does) would prove nothing; instead the
 * bundle runs as `nobody`, from a copy in a folder that user can reach.
 */
import { chmodSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Spawn options and the bundle path to run; as a non-root user, the bundle as it is. */
export interface UnprivilegedRun {
  bundle: string;
  spawn: { uid?: number; gid?: number };
}

const NOBODY = 65534;

/**
 * When running as root, copies `bundle` (a self-contained esbuild output) into a fresh
 * world-readable folder and returns spawn options that drop to `nobody`; otherwise returns the
 * bundle unchanged, since permissions already apply to this user.
 */
export function unprivileged(bundle: string): UnprivilegedRun {
  if (process.getuid?.() !== 0) return { bundle, spawn: {} };
  const dir = mkdtempSync(join(tmpdir(), 'b24-unpriv-'));
  chmodSync(dir, 0o755);
  const copy = join(dir, basename(bundle));
  copyFileSync(bundle, copy);
  chmodSync(copy, 0o644);
  return { bundle: copy, spawn: { uid: NOBODY, gid: NOBODY } };
}

/** Makes a folder made by `mkdtemp` (mode 0700) reachable by the unprivileged user. */
export function openToOthers(dir: string): void {
  if (process.getuid?.() === 0) chmodSync(dir, 0o755);
}
