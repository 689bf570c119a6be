/**
 * A small glob matcher for manifest include/exclude and .gitignore patterns:
 * `*` and `?` within one path segment, `**` across segments, `[a-z]` classes
 * and `{a,b}` alternatives. Paths use forward slashes.
 */

/** The regular expression source for `glob` (no anchors). */
export function globSource(glob: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          // `**/` = any number of directories (also none); a final `**` = anything below.
          if (glob[i + 2] === '/') {
            out += '(?:[^/]*/)*';
            i += 2;
          } else {
            out += '.*';
            i += 1;
          }
          continue;
        }
        i += 1;
      }
      out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        const body = glob
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else if (c === '\\' && i + 1 < glob.length) out += escape(glob[++i]);
    else out += escape(c);
  }
  return out + ')'.repeat(braces);
}

/** Compiles `glob` to match whole relative paths; throws a SyntaxError for a pattern that cannot compile (`[z-a]`). */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${globSource(glob)}$`);
}

/** Why `glob` cannot be used (e.g. a class range out of order, `[z-a]`), or undefined when it compiles. */
export function globError(glob: string): string | undefined {
  try {
    globToRegExp(glob);
    return undefined;
  } catch (err) {
    return /Range out of order/i.test(String(err)) ? 'a character range is out of order' : 'the pattern cannot be compiled';
  }
}

/** A glob that could not be compiled, and why. */
export interface InvalidGlob {
  glob: string;
  reason: string;
}

/**
 * Matches relative paths against include/exclude globs. A glob also matches
 * everything inside a folder it matches (`legacy` and `legacy/` cover `legacy/a.js`).
 */
export class GlobList {
  private readonly res: RegExp[] = [];
  /** Globs left out because they do not compile (each matches nothing; callers report them). */
  readonly invalid: InvalidGlob[] = [];

  constructor(globs: readonly string[]) {
    for (const g of globs) {
      const clean = g.replace(/^\.\//, '').replace(/^\//, '').replace(/\/+$/, '');
      const reason = globError(clean);
      if (reason === undefined) this.res.push(globToRegExp(clean));
      else this.invalid.push({ glob: g, reason });
    }
  }

  get empty(): boolean {
    return this.res.length === 0;
  }

  /** True when `relPath` itself matches a glob (its folders are not tried). */
  matchesSelf(relPath: string): boolean {
    return this.res.some((re) => re.test(relPath));
  }

  /** True when `relPath` or one of its folders matches a glob. */
  matches(relPath: string): boolean {
    if (this.res.length === 0) return false;
    let p = relPath;
    for (;;) {
      if (this.res.some((re) => re.test(p))) return true;
      const slash = p.lastIndexOf('/');
      if (slash === -1) return false;
      p = p.slice(0, slash);
    }
  }
}

function escape(c: string): string {
  return /[.*?+^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
