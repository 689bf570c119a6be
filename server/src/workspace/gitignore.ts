/**
 * The common subset of .gitignore: patterns, `!` negation, `dir/` (folders
 * only), anchored patterns (a `/` at the start or middle), `**`, comments and
 * escapes. Nested .gitignore files apply to their own folder; the last match wins.
 */
import { globSource } from './glob';

/** A .gitignore line that cannot be used (its pattern does not compile); git would ignore nothing for it either. */
export interface GitignoreProblem {
  /** 0-based line number. */
  line: number;
  pattern: string;
  reason: string;
}

interface Rule {
  /** Folder of the .gitignore ('' = root of the paths given to `ignores`). */
  base: string;
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/**
 * Parses one .gitignore's text into rules relative to `base` (a folder path,
 * forward slashes). A line whose pattern does not compile is left out and
 * listed in `problems`; the other lines still apply.
 */
export function parseGitignore(text: string, base: string, problems: GitignoreProblem[] = []): Rule[] {
  const rules: Rule[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n];
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    if (line.startsWith('\\#') || line.startsWith('\\!')) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    if (line === '') continue;
    const anchored = line.includes('/');
    const body = line.replace(/^\//, '');
    const source = globSource(body);
    // Unanchored patterns match at any depth; anything below a matched folder is ignored too.
    try {
      rules.push({ base, re: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${source}$`), negate, dirOnly });
    } catch (err) {
      const reason = /Range out of order/i.test(String(err)) ? 'a character range is out of order' : 'the pattern cannot be compiled';
      problems.push({ line: n, pattern: raw.trim(), reason });
    }
  }
  return rules;
}

/** All .gitignore rules of a workspace, keyed by the folder of each file. */
export class GitignoreRules {
  private readonly byFolder = new Map<string, Rule[]>();

  /** Sets (or with empty text, clears) the rules of the .gitignore in `folder`; returns the lines that could not be used. */
  set(folder: string, text: string): GitignoreProblem[] {
    const problems: GitignoreProblem[] = [];
    const rules = parseGitignore(text, folder, problems);
    if (rules.length === 0) this.byFolder.delete(folder);
    else this.byFolder.set(folder, rules);
    return problems;
  }

  delete(folder: string): void {
    this.byFolder.delete(folder);
  }

  /**
   * Is `path` ignored? Callers skip ignored folders while walking, which is
   * how git keeps a file inside an ignored folder ignored even if negated.
   */
  ignores(path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const folder of ancestors(path)) {
      const rules = this.byFolder.get(folder);
      if (!rules) continue;
      const rel = folder === '' ? path : path.slice(folder.length + 1);
      for (const r of rules) {
        if (r.dirOnly && !isDir) continue;
        if (r.re.test(rel)) ignored = !r.negate;
      }
    }
    return ignored;
  }

  /** Is `path` or a folder above it (below `stopAt`) ignored? For files added after the walk. */
  ignoresWithin(path: string, stopAt: string, checkSelf = true): boolean {
    const parts = path.split('/');
    for (let i = stopAt === '' ? 1 : stopAt.split('/').length + 1; i < parts.length; i++) {
      if (this.ignores(parts.slice(0, i).join('/'), true)) return true;
    }
    return checkSelf && this.ignores(path, false);
  }
}

/** The folders containing `path`, outermost first ('' and then each prefix). */
function ancestors(path: string): string[] {
  const out = [''];
  let i = path.indexOf('/');
  while (i !== -1) {
    out.push(path.slice(0, i));
    i = path.indexOf('/', i + 1);
  }
  return out.filter((f, idx) => idx === 0 || f !== '');
}
