// Process-group helpers: code-server's helpers and extension hosts outlive the main
// process, so everything it starts runs in a group of its own and the group is killed.
import { readdirSync, readFileSync } from 'node:fs';

/** Pids of live (non-zombie) processes whose process group is `pgid` (Linux /proc). */
export function processesInGroup(pgid) {
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the parenthesised command: state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Sends `signal` to every process of the group; a group that is already gone is fine. */
export function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (err) {
    if (err && err.code === 'ESRCH') return false;
    throw err;
  }
}

/**
 * Stops a detached child and its whole group: SIGTERM, then SIGKILL for whatever is
 * left once the leader exits or `graceMs` passes (a cap, not a wait for something to
 * settle: the leader's exit is what normally ends it).
 */
export async function stopGroup(child, graceMs = 5000) {
  const pgid = child.pid;
  if (!pgid) return;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
  signalGroup(pgid, 'SIGTERM');
  let timer;
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
  signalGroup(pgid, 'SIGKILL');
}

const groups = new Set();

/** Kills registered groups if this process exits without stopping them (crash, Ctrl+C). */
export function killGroupOnExit(pgid) {
  if (groups.size === 0) {
    process.once('exit', () => groups.forEach((g) => signalGroup(g, 'SIGKILL')));
  }
  groups.add(pgid);
  return () => groups.delete(pgid);
}
