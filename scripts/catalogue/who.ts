/**
 * Reads the "Who can execute the method" block and sorts it into a coarse
 * class. The block is usually one line, sometimes an empty line followed by
 * a `> - ...` list (several roles), and its wording drifts ("perform",
 * "methods", backticks around "any user").
 */
import type { ExecutorClass } from '../../server/src/catalogue/types';
import { plainText } from './markdown';

/** The block as found: what it is about ("method", "subscribe", ...) and its text. */
export interface WhoBlock {
  /** Words between "Who can" and the colon, lower case: "execute the method", "subscribe". */
  subject: string;
  /** The documented text, plain, list items joined with "; ". */
  text: string;
  /** Line index of the block's first line. */
  line: number;
}

// English "Who can ...:" and Russian "Кто может ...:".
const WHO = /^\s*>\s*(?:who can|кто может) ([^:]+):(.*)$/i;
/** The inline form next to a bold Scope: `**Scope**: ... | **Who can subscribe**: any user`. */
const WHO_INLINE = /^\s*(?:>\s*)?\*\*scopes?\*\*.*?\*\*(?:who can|кто может) ([^*:]+)\*\*\s*:(.*)$/i;

/** Finds the first who-can block in `lines[from, to)`. */
export function findWho(lines: string[], from = 0, to = lines.length): WhoBlock | undefined {
  for (let i = from; i < to; i++) {
    const inline = WHO_INLINE.exec(lines[i]);
    if (inline) return { subject: inline[1].trim().toLowerCase().replace(/\s+/g, ' '), text: plainText(inline[2]).replace(/[,;.]$/, ''), line: i };
    const m = WHO.exec(lines[i]);
    if (!m) continue;
    const parts: string[] = [];
    if (m[2].trim()) parts.push(m[2].trim());
    // Continuation lines: "> - item" or "> text", until a bare ">" or a new block.
    for (let j = i + 1; j < lines.length; j++) {
      const c = /^\s*>\s?(.*)$/.exec(lines[j]);
      if (!c || !c[1].trim() || WHO.test(lines[j]) || /^\s*>\s*scopes?\s*:/i.test(lines[j])) break;
      parts.push(c[1].trim().replace(/^[-*]\s+/, ''));
    }
    const items = parts.map((p) => plainText(p).replace(/[,;.]$/, '')).filter(Boolean);
    // "depend on the provided data:" introduces the list; no "; " after a colon.
    const text = items.reduce((acc, item) => (!acc ? item : acc.endsWith(':') ? `${acc} ${item}` : `${acc}; ${item}`), '');
    return { subject: m[1].trim().toLowerCase().replace(/\s+/g, ' '), text, line: i };
  }
  return undefined;
}

/** True when the block is about executing a method (not a command, widget or event). */
export function isMethodSubject(subject: string): boolean {
  return /^(execute|perform|call|use|run)\b.*\bmethods?$/.test(subject) || /^(execute|perform) methods?$/.test(subject);
}

/**
 * Coarse class of a who-can text:
 * - `any`: any (authorised, intranet) user, nothing more;
 * - `admin`: the Bitrix24 (portal) administrator only;
 * - `depends`: the documentation says it depends (on the method, the data, ...);
 * - `permission`: a named permission, role or relation (CRM administrator,
 *   chat participant, "edit" access to the site, ...);
 * - `unknown`: the block is missing or empty.
 */
export function classifyWho(text: string): ExecutorClass {
  const t = text
    .toLowerCase()
    .replace(/[`"'«»“”]/g, '')
    .replace(/[.;,\s]+$/, '')
    .trim();
  if (!t) return 'unknown';
  if (/^(access (rights|permissions) .*)?depend(s|ing)? on\b|^depend/.test(t) || /^access rights during method execution depend/.test(t)) {
    return 'depends';
  }
  if (/^(any|every|all)( authori[sz]ed| intranet| bitrix24)? users?( of bitrix24| of the account)?$/.test(t)) return 'any';
  if (/^(an? )?(authori[sz]ed )?users?$/.test(t)) return 'any';
  if (/^(only (an? |the )?)?(bitrix24 |portal |account )?administrators?( only)?$/.test(t)) return 'admin';
  return 'permission';
}
