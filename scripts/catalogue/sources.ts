/**
 * Locates the documentation inputs and reads their provenance (repository,
 * commit, date) from the docs README, so the catalogue's `generated` date
 * comes from the sources and two runs give identical output.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Provenance of one input folder. */
export interface SourceInfo {
  name: string;
  repository: string;
  commit: string;
  date: string;
}

/** Where the generator reads from. */
export interface DocsLayout {
  root: string;
  /** The English edition (`en/`). */
  en: string;
  /** The Russian machine-readable spec folder, if present. */
  ruSpec?: string;
}

/** Resolves the docs layout under `root`; throws when the English edition is missing. */
export function docsLayout(root: string): DocsLayout {
  const en = join(root, 'en');
  if (!existsSync(join(en, 'api-reference'))) {
    throw new Error(`no documentation at ${root}: expected en/api-reference (pass the docs path as the first argument)`);
  }
  const ru = join(root, 'ru-simulator-spec', '_assets', 'simulator', 'spec');
  return { root, en, ruSpec: existsSync(join(ru, 'index.json')) ? ru : undefined };
}

/**
 * Parses the README table rows `| folder | github.com/owner/repo (...) | <sha> (YYYY-MM-DD) |`.
 * A row whose source cell says "the same repository" takes the repository of the row above.
 */
export function readSources(root: string): SourceInfo[] {
  const readme = join(root, 'README.md');
  if (!existsSync(readme)) return [];
  const out: SourceInfo[] = [];
  for (const line of readFileSync(readme, 'utf8').split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|([^|]*)\|\s*([0-9a-f]{7,40})\s*\((\d{4}-\d{2}-\d{2})\)\s*\|/.exec(line);
    if (!m) continue;
    const repo = /github\.com\/[\w.-]+\/[\w.-]+/.exec(m[2])?.[0];
    const previous = out[out.length - 1];
    const repository = repo ? `https://${repo}` : /\bsame repository\b/i.test(m[2]) && previous ? previous.repository : undefined;
    if (!repository) continue;
    out.push({ name: m[1].replace(/\/$/, '').split('/')[0], repository, commit: m[3], date: m[4] });
  }
  return out;
}

/** All Markdown files under `dir`, as sorted forward-slash paths relative to it. */
export function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md')) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}
