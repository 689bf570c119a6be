/**
 * Small Markdown/YFM helpers shared by the catalogue generator's page
 * parsers. They work on plain line arrays so each parser can look at just
 * the part of a page it cares about.
 */

/** A `#`/`##`/`###` heading with its line index and optional `{#anchor}`. */
export interface Heading {
  level: number;
  text: string;
  anchor?: string;
  line: number;
}

/** Marks the lines that sit inside fenced code blocks (``` or ~~~). */
export function fenceMask(lines: string[]): boolean[] {
  const mask: boolean[] = [];
  let open: string | undefined;
  for (const line of lines) {
    const m = /^\s*(```|~~~)/.exec(line);
    if (m) {
      mask.push(true);
      if (!open) open = m[1];
      else if (m[1] === open) open = undefined;
      continue;
    }
    mask.push(open !== undefined);
  }
  return mask;
}

/** All ATX headings outside code fences. */
export function headings(lines: string[], mask = fenceMask(lines)): Heading[] {
  const out: Heading[] = [];
  lines.forEach((line, i) => {
    if (mask[i]) return;
    const m = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (!m) return;
    const anchor = /\{#([^}\s]+)\}/.exec(m[2]);
    out.push({
      level: m[1].length,
      text: m[2].replace(/\{#[^}]*\}/g, '').trim(),
      anchor: anchor?.[1],
      line: i,
    });
  });
  return out;
}

/** Replaces `[text](target)` links by their text; drops images. */
export function stripLinks(s: string): string {
  return s.replace(/!\[[^\]]*\]\([^)]*\)/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
}

/** Removes Markdown emphasis and code markers, collapses whitespace. */
export function plainText(s: string): string {
  return stripLinks(s)
    .replace(/`/g, '')
    .replace(/\*\*|__/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The page's "header zone": everything before the first `##` heading. The
 * Scope and who-can-execute block of a method page always sits there.
 */
export function headerZone(lines: string[], mask = fenceMask(lines)): number {
  for (let i = 0; i < lines.length; i++) {
    if (!mask[i] && /^##\s/.test(lines[i])) return i;
  }
  return lines.length;
}

/** Normalises a name for loose comparison: lower case, letters and digits only. */
export function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}
