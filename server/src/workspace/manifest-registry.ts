/**
 * The manifests of a workspace, by folder: bitrix24.json wins over `.env*`
 * declarations in the same folder, and a file belongs to the nearest folder
 * with a manifest (if that manifest's include/exclude let it in).
 */
import { parseEnvManifest, isEnvFileName } from '../manifest/env-manifest';
import { baseName, dirName, relativeTo } from './file-system';
import { GlobList } from './glob';
import { emptyManifest, MANIFEST_FILE, parseManifest } from '../manifest/manifest';
import type { CustomMethod, ParsedManifest } from '../manifest/types';

/** A manifest file as read, with its text (fixes edit it). */
export interface ManifestState {
  file: string;
  folder: string;
  text: string;
  parsed: ParsedManifest;
  include: GlobList;
  exclude: GlobList;
}

/** Which `.env*` file's declaration counts when several in one folder declare scopes (dotenv load order). */
function envPriority(name: string): number {
  if (name === '.env.local') return 0;
  if (name === '.env') return 1;
  if (/^\.env\.(example|dist|sample|template)$/.test(name)) return 3;
  return 2;
}

export class ManifestRegistry {
  private readonly json = new Map<string, ManifestState>();
  private readonly env = new Map<string, Map<string, ManifestState>>();

  constructor(private readonly envKeys: readonly string[]) {}

  /** True for file names this registry reads. */
  static isManifestName(name: string): boolean {
    return name === MANIFEST_FILE || isEnvFileName(name);
  }

  /** Reads (or re-reads) a manifest file; returns false when it declares nothing (an .env without a scope key). */
  set(file: string, text: string): boolean {
    const folder = dirName(file);
    const name = baseName(file);
    if (name === MANIFEST_FILE) {
      this.json.set(folder, state(file, folder, text, parseManifest(text)));
      return true;
    }
    const parsed = parseEnvManifest(text, this.envKeys);
    const inFolder = this.env.get(folder) ?? new Map<string, ManifestState>();
    if (parsed) inFolder.set(file, state(file, folder, text, parsed));
    else inFolder.delete(file);
    if (inFolder.size > 0) this.env.set(folder, inFolder);
    else this.env.delete(folder);
    return parsed !== undefined;
  }

  /**
   * A bitrix24.json that could not be read (unreadable, too large): it still governs its
   * folder, declares nothing readable, and carries `reason` as an error on its first character.
   * An `.env*` file that could not be read is forgotten (it may not declare scopes at all).
   */
  setUnread(file: string, reason: string): void {
    const folder = dirName(file);
    if (baseName(file) !== MANIFEST_FILE) {
      this.delete(file);
      return;
    }
    const parsed: ParsedManifest = {
      format: 'json',
      manifest: emptyManifest(),
      problems: [{ code: 'manifest-invalid-value', severity: 'error', message: reason, span: { start: 0, end: 0 } }],
    };
    this.json.set(folder, state(file, folder, '', parsed));
  }

  /** Forgets a manifest file; true when it was known. */
  delete(file: string): boolean {
    const folder = dirName(file);
    const current = this.json.get(folder);
    if (current?.file === file) return this.json.delete(folder);
    const inFolder = this.env.get(folder);
    const had = inFolder?.delete(file) ?? false;
    if (inFolder && inFolder.size === 0) this.env.delete(folder);
    return had;
  }

  /** Every known manifest file path (including `.env*` files that lose to a bitrix24.json). */
  files(): string[] {
    return [...[...this.json.values()].map((s) => s.file), ...[...this.env.values()].flatMap((m) => [...m.keys()])];
  }

  /** The manifest governing `folder` itself, if one is declared there. */
  at(folder: string): ManifestState | undefined {
    const json = this.json.get(folder);
    if (json) return json;
    const inFolder = this.env.get(folder);
    if (!inFolder) return undefined;
    return [...inFolder.values()].sort((a, b) => envPriority(baseName(a.file)) - envPriority(baseName(b.file)) || a.file.localeCompare(b.file))[0];
  }

  /** The manifest of the file at `file` path, by its path. */
  byFile(file: string): ManifestState | undefined {
    const s = this.at(dirName(file));
    return s?.file === file ? s : undefined;
  }

  /** Every manifest that governs a folder. */
  effective(): ManifestState[] {
    const folders = new Set([...this.json.keys(), ...this.env.keys()]);
    return [...folders].map((f) => this.at(f)).filter((s): s is ManifestState => s !== undefined);
  }

  /**
   * The manifest covering a source file: the nearest folder above it with a
   * manifest. A file that manifest excludes is covered by none (the nearest wins).
   */
  owner(file: string): ManifestState | undefined {
    for (let folder = dirName(file); ; folder = dirName(folder)) {
      const s = this.at(folder);
      if (s) {
        const rel = relativeTo(folder, file) ?? file;
        if (!s.include.empty && !s.include.matches(rel)) return undefined;
        return s.exclude.matches(rel) ? undefined : s;
      }
      if (folder === '' || folder === '/' || dirName(folder) === folder) return undefined;
    }
  }

  /**
   * True when the nearest manifest above `path` excludes it: such files are
   * never read (a manifest's `exclude` is where an app keeps generated or
   * third-party code out).
   */
  excludes(path: string): boolean {
    for (let folder = dirName(path); ; folder = dirName(folder)) {
      const s = this.at(folder);
      if (s) return s.exclude.matches(relativeTo(folder, path) ?? path);
      if (folder === '' || folder === '/' || dirName(folder) === folder) return false;
    }
  }

  /** Custom methods of every manifest (they extend the names analysis recognises). */
  customMethods(): CustomMethod[] {
    return this.effective().flatMap((s) => s.parsed.manifest.custom);
  }
}

function state(file: string, folder: string, text: string, parsed: ParsedManifest): ManifestState {
  return { file, folder, text, parsed, include: new GlobList(parsed.manifest.include), exclude: new GlobList(parsed.manifest.exclude) };
}
