/**
 * Event entries: the event a page documents, what an app needs to subscribe
 * to it (the page's Scope line, else the shared block of the overview page
 * listing it) and the "who can subscribe" line.
 */
import type { EventInfo, ScopeRequirement } from '../../server/src/catalogue/types';
import type { SharedBlock } from './index-blocks';
import type { Overrides } from './overrides';
import { eventNames, type Page } from './page';
import { requirementOf, type ScopeLine } from './scope-line';
import { pageUrl } from './scopes-table';
import { shortTitle, type Report } from './build';

/**
 * The requirement a Scope line gives one event. A qualifier written for
 * named events ("`basic`, for `onUserAdd` — `user`") wins for those events.
 */
export function eventRequirement(name: string, line: ScopeLine, overrides: Overrides): { requirement: ScopeRequirement; problem?: string } {
  for (const note of line.notes) {
    const m = /^for (?:the )?(.+?)(?: events?)? [—–-]+ ([a-z][a-z0-9_.]*)$/i.exec(note);
    if (!m) continue;
    const named = eventNames(m[1]).map((n) => n.toLowerCase());
    if (named.includes(name.toLowerCase())) return { requirement: m[2] === 'basic' ? { kind: 'basic' } : { kind: 'scope', scope: m[2] } };
  }
  return requirementOf(line, overrides.combinations);
}

/** Builds the event list (sorted by lower-case name, first page wins for a name). */
export function buildEvents(pages: Page[], shared: Map<string, SharedBlock>, overrides: Overrides, report: Report): EventInfo[] {
  const events: EventInfo[] = [];
  const seen = new Set<string>();
  for (const page of pages) {
    if (page.kind !== 'event' || !page.name || seen.has(page.name.toLowerCase())) continue;
    seen.add(page.name.toLowerCase());
    if (page.nameNote) report.nameNotes.push({ path: page.path, name: page.name, note: page.nameNote });
    const block = shared.get(page.path);
    const line = page.scope ?? block?.scope;
    let requirement: ScopeRequirement;
    if (line) {
      const decision = eventRequirement(page.name, line, overrides);
      requirement = decision.requirement;
      if (decision.problem) report.problems.push(`${page.path}: ${decision.problem}`);
    } else {
      requirement = { kind: 'unknown', reason: 'neither the event page nor its overview page has a Scope block' };
      report.problems.push(`${page.path}: event without a Scope block on the page or its index`);
    }
    const who = page.who && /subscribe/.test(page.who.subject) ? page.who : block?.who && /subscribe/.test(block.who.subject) ? block.who : undefined;
    events.push({
      name: page.name,
      requirement,
      who: who?.text ?? '',
      url: pageUrl(page.path),
      title: shortTitle(page.heading, [page.name, ...eventNames(page.heading)]),
    });
  }
  const key = (e: EventInfo) => e.name.toLowerCase();
  return events.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
