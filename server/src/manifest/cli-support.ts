/** What the `check` and `scan` commands share: their options and the workspace they index. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Catalogue } from '../catalogue/catalogue';
import { defaultAnalyzer } from './default-analyzer';
import { DEFAULT_ENV_KEYS } from './env-manifest';
import { nodeFileSystem, normalizePath } from './file-system';
import { WorkspaceIndex } from './workspace-index';

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

export interface CommandOptions {
  dir: string;
  format: string;
  envKeys: string[];
}

/** A usage mistake: reported with the usage line, exit code 2. */
export class UsageError extends Error {}

/** Parses `[dir] [--format F] [--env-key KEY]...`; throws UsageError on anything else. */
export function parseOptions(args: string[], formats: readonly string[]): CommandOptions {
  let dir: string | undefined;
  let format = formats[0];
  const envKeys = [...DEFAULT_ENV_KEYS];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') format = value();
    else if (flag === '--env-key') envKeys.push(value());
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else if (dir === undefined) dir = a;
    else throw new UsageError(`unexpected argument '${a}'`);
  }
  if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  const abs = resolve(dir ?? '.');
  let isDir = false;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UsageError(`'${dir ?? '.'}' is not a folder`);
  return { dir: normalizePath(abs), format, envKeys };
}

/** Indexes `dir` from disk with the bundled catalogue and the project's call analysis. */
export async function openWorkspace(options: CommandOptions): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex({
    roots: [options.dir],
    fs: nodeFileSystem,
    catalogue: Catalogue.load(),
    analyzer: defaultAnalyzer,
    envKeys: options.envKeys,
  });
  await index.scan();
  return index;
}
