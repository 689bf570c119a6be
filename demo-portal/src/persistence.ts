/**
 * The state file: written atomically (temp file, fsync, rename, directory
 * fsync) so a crash mid-write leaves the previous complete file in place.
 * The temp file is owner-only, and one a crash left behind is deleted when
 * the state is next loaded.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PortalState } from './portal/types';

/** The file operations the writer needs; tests swap some to simulate a crash. */
export interface FileOps {
  open: typeof fsp.open;
  rename: typeof fsp.rename;
  unlink: typeof fsp.unlink;
}

const REAL_OPS: FileOps = { open: fsp.open, rename: fsp.rename, unlink: fsp.unlink };

/** Thrown when the state file exists but cannot be used; the message says which file and why. */
export class StateFileError extends Error {}

/** Temp files of `file` as `writeFileAtomic` names them, with the writer's process id. */
function tempFilePattern(file: string): RegExp {
  const name = basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${name}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes the temp files a writer killed mid-write (`kill -9`, power loss)
 * left beside `file`: each holds a copy of the state, webhook codes included.
 * Files of a writer that is still running are left alone. Returns how many went.
 */
export async function removeStaleTempFiles(file: string): Promise<number> {
  const pattern = tempFilePattern(file);
  let names: string[];
  try {
    names = await fsp.readdir(dirname(file));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match || isRunning(Number(match[1]))) continue;
    try {
      await fsp.unlink(join(dirname(file), name));
      removed++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new StateFileError(
          `cannot remove ${join(dirname(file), name)}, left by a writer that stopped mid-write; it holds a copy of the state with its secrets, so delete it: ${(error as Error).message}`,
        );
      }
    }
  }
  return removed;
}

/** Reads the state file, after removing temp files a crashed writer left; `undefined` when it does not exist yet. */
export async function loadState(file: string): Promise<PortalState | undefined> {
  await removeStaleTempFiles(file);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(`cannot read state file ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new StateFileError(`state file ${file} is not valid JSON; move it away to start from fresh seed data`);
  }
  const state = parsed as Partial<PortalState> | null;
  const arrays = ['users', 'departments', 'userGroups', 'sonetGroups', 'sites', 'roles', 'webhooks', 'oauthClients', 'oauthCodes', 'oauthTokens'] as const;
  if (!state || state.version !== 1 || arrays.some((k) => !Array.isArray(state[k])) || typeof state.defaultSiteRights !== 'object') {
    throw new StateFileError(`state file ${file} is not a demo portal state (version 1); move it away to start from fresh seed data`);
  }
  return state as PortalState;
}

/** Writes `text` to `file` so that readers see either the old or the new content, never a mix. */
export async function writeFileAtomic(file: string, text: string, ops: FileOps = REAL_OPS): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await ops.open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await ops.rename(tmp, file);
  } catch (error) {
    await ops.unlink(tmp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(file));
}

/** Makes the rename itself durable; directories cannot be opened for sync on every platform, so this is best effort. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported here (e.g. Windows); the data itself was already synced.
  }
}

/**
 * Serialises saves: at most one write runs, and saves requested meanwhile
 * share the next write, which snapshots the state when it starts.
 */
export class StateWriter {
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => string,
    private readonly ops: FileOps = REAL_OPS,
  ) {}

  /** Resolves once a write that includes every change made before this call is on disk. */
  save(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.running.then(() => {
      this.queued = undefined;
      return writeFileAtomic(this.file, this.snapshot(), this.ops);
    });
    this.queued = next;
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Waits for writes in flight. */
  flush(): Promise<void> {
    return this.running;
  }
}
