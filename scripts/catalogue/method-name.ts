/**
 * Finds the REST method a page documents. Headings usually end with the
 * name, but some have none ("Get CRM Requisite Fields"), some have a typo
 * (`ctrigger.delete` on the crm.automation.trigger.delete page), and code
 * samples often call other methods. The file name is the tie-breaker: the
 * page `crm-requisite-fields.md` documents a name that squashes to
 * `crmrequisitefields`.
 */
import { editDistance } from '../../server/src/catalogue/edit-distance';
import { squash } from './markdown';

const TOKEN = /(?<![\w.\\-])([a-z][a-zA-Z0-9_]*(?:\.[a-zA-Z0-9_]+)+)(?!\.?[\w*(/\\-])/g;
const NOT_METHOD_SUFFIX = /\.(md|html?|php|js|json|ts|py|ya?ml|png|jpe?g|svg|com|ru|io|net|org|xml|txt|csv|pdf|zip|de|by|kz|ua|eu)$/i;

/** Dotted, lower-case-first tokens that look like REST method names. */
export function methodTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const t = m[1];
    if (NOT_METHOD_SUFFIX.test(t) || t.split('.')[0].length < 2) continue;
    out.push(t);
  }
  return out;
}

/** The file stem the name is compared against (REST 3.0 pages end in `-rest-v3`). */
export function pageStem(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.md$/, '').replace(/-rest-v3$|-v3$/, '');
}

/**
 * How well a name fits a page stem: `exact` when the squashed name ends with
 * the squashed stem, `near` for spelling drift (favourite/favorite).
 */
export function stemFit(name: string, stem: string): 'exact' | 'near' | undefined {
  const a = squash(name);
  const b = squash(stem);
  if (b.length < 4) return a === b ? 'exact' : undefined;
  if (a.endsWith(b)) return 'exact';
  const tail = a.length > b.length ? a.slice(-b.length) : a;
  if (b.length >= 8 && editDistance(tail, b, 2) <= 2) return 'near';
  return undefined;
}

/** Inputs for the decision, already split by where on the page they appear. */
export interface NameEvidence {
  stem: string;
  headingTokens: string[];
  /** Tokens in the page's prose (outside code), in order of appearance. */
  proseTokens: string[];
  /** Tokens in code samples, in order of appearance (repeats kept). */
  codeTokens: string[];
  /** Single-word names introduced as "The `profile` method". */
  singleWords: string[];
  /** Name the Russian edition gives this page path, if any. */
  ruName?: string;
}

/** The decided name and, when it did not come straight from the heading, why. */
export interface NameDecision {
  name: string;
  /** How the name was found when the heading did not give it. */
  note?: string;
}

function mostFrequent(tokens: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  let best: string | undefined;
  for (const [t, n] of counts) if (!best || n > (counts.get(best) ?? 0)) best = t;
  return best;
}

/** Decides the method name from the evidence, or undefined when nothing fits. */
export function decideName(e: NameEvidence): NameDecision | undefined {
  const headingSaid = e.headingTokens.length ? `heading names ${e.headingTokens.join(', ')}` : 'heading names no method';
  const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());
  const said = lower([...e.proseTokens, ...e.codeTokens]);
  // A heading name that fits the file and is confirmed by the text or the
  // code samples (case-insensitively) wins, even over a prose spelling.
  const confirmedHeading = e.headingTokens.filter((t) => stemFit(t, e.stem) && said.includes(t.toLowerCase())).pop();
  if (confirmedHeading) return { name: confirmedHeading };
  // Then exact fits everywhere before near ones, so a heading typo loses to
  // the correct name in the text.
  for (const level of ['exact', 'near'] as const) {
    const fits = (t: string) => stemFit(t, e.stem) === level;
    const h = e.headingTokens.filter(fits).pop();
    const p = e.proseTokens.filter(fits);
    const c = e.codeTokens.filter(fits);
    if (h && !p.length && !c.length) return { name: h };
    if (p.length) return { name: p[0], note: `${headingSaid}; name taken from the page text` };
    if (c.length) return { name: mostFrequent(c) ?? c[0], note: `${headingSaid}; name taken from the code samples` };
  }
  // Heading name that the page text confirms (file named differently).
  const confirmed = e.headingTokens.filter((t) => e.proseTokens.includes(t) || e.codeTokens.includes(t)).pop();
  if (confirmed) return { name: confirmed };
  const single = e.singleWords.find((w) => squash(w) === squash(e.stem));
  if (single) return { name: single };
  if (e.ruName) return { name: e.ruName, note: `${headingSaid}; name taken from the Russian edition's page map` };
  if (e.headingTokens.length === 1) return { name: e.headingTokens[0] };
  return undefined;
}
