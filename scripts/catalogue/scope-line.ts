/**
 * Parses the `> Scope: ...` line of a documentation page into scope codes
 * plus the qualifiers the documentation writes around them, and turns the
 * codes into a ScopeRequirement.
 *
 * Real lines look like:
 *   [`crm`](...)                                  one code
 *   [`user`](...), [`user_brief`](...), ...       several codes (any or all?)
 *   [`crm, user_brief`](...)                      several codes in one link
 *   [`placement`](...) — registration of ..., ... codes with a purpose each
 *   [`userfieldconfig`](...), module scope from `moduleId` (for example, [`crm`](...))
 *   [`basic`](...), for the `onUserAdd` event — [`user`](...)
 *   [`placement`, `depending on the placement`](...)
 */
import type { ScopeRequirement } from '../../server/src/catalogue/types';
import { stripLinks } from './markdown';

/** What a Scope line says, before deciding how its codes combine. */
export interface ScopeLine {
  /** Scope codes that apply to the page's methods, in documented order. */
  codes: string[];
  /** Qualifiers written next to the codes, as short plain text. */
  notes: string[];
}

/** How a set of several codes combines, decided once per code set (overrides.json). */
export interface CombinationRule {
  scopes: string[];
  kind: 'anyOf' | 'allOf';
  reason: string;
}

const CODE = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/;

/**
 * Matches a Scope line and returns the text after the colon: `> Scope: ...`,
 * or the inline form of some overview pages,
 * `**Scope**: ... | **Who can subscribe**: ...` (cut before the who part).
 */
export function scopeLineText(line: string): string | undefined {
  const m = /^\s*>\s*scopes?\s*:(.*)$/i.exec(line);
  if (m) return m[1].trim();
  const b = /^\s*(?:>\s*)?\*\*scopes?\*\*\s*:(.*)$/i.exec(line);
  return b ? b[1].split(/\|?\s*\*\*(?:who can|кто может)\s/i)[0].trim() : undefined;
}

/** Splits on commas that are outside backticks and parentheses. */
function topLevelSegments(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let tick = false;
  let cur = '';
  for (const ch of text) {
    if (ch === '`') tick = !tick;
    else if (!tick && ch === '(') depth++;
    else if (!tick && ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0 && !tick) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** Parses the text after `Scope:`. */
export function parseScopeLine(text: string): ScopeLine {
  const codes: string[] = [];
  const notes: string[] = [];
  const addCode = (c: string) => {
    if (!codes.includes(c)) codes.push(c);
  };
  // A link may wrap several codes ([`crm, user_brief`]); unwrap links first.
  const flat = stripLinks(text);
  for (const seg of topLevelSegments(flat)) {
    const lead = /^`([^`]*)`\s*(?:[—–-]+\s*(.*))?$/.exec(seg);
    if (lead) {
      const parts = lead[1].split(',').map((x) => x.trim());
      if (parts.every((x) => CODE.test(x))) {
        parts.forEach(addCode);
        if (lead[2]) notes.push(`${parts.join(', ')}: ${lead[2].trim()}`);
      } else notes.push(lead[1].trim());
      continue;
    }
    if (CODE.test(seg)) {
      // A bare code without backticks.
      addCode(seg);
      continue;
    }
    // A qualifier such as "module scope from `moduleId` (...)" or
    // "for the `onUserAdd` event — `user`": documented, but not a code the
    // page's methods always need.
    notes.push(seg.replace(/`/g, '').replace(/\s+/g, ' ').trim());
  }
  return { codes, notes };
}

/** Result of turning a parsed Scope line into a requirement. */
export interface RequirementDecision {
  requirement: ScopeRequirement;
  /** Set when the line was ambiguous; the generator reports it. */
  problem?: string;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * Decides the requirement for a Scope line. Several codes never combine
 * by default: the documentation uses the same comma for "any of" (user.get)
 * and "all of" (sign.b2e.document.send), so each code set needs a reviewed
 * rule, and an unknown set becomes `unknown` plus a reported problem.
 */
export function requirementOf(line: ScopeLine, rules: CombinationRule[]): RequirementDecision {
  const codes = line.codes;
  if (codes.length === 0) {
    return {
      requirement: { kind: 'unknown', reason: 'the Scope line names no scope code' },
      problem: 'Scope line without a scope code',
    };
  }
  if (codes.length === 1) {
    return { requirement: codes[0] === 'basic' ? { kind: 'basic' } : { kind: 'scope', scope: codes[0] } };
  }
  const rule = rules.find((r) => sameSet(r.scopes, codes));
  if (rule) return { requirement: { kind: rule.kind, scopes: [...codes] } };
  return {
    requirement: {
      kind: 'unknown',
      reason: `the Scope line lists ${codes.join(', ')} without saying whether any or all are needed`,
    },
    problem: `no combination rule for scopes {${codes.join(', ')}}`,
  };
}
