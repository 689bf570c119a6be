/**
 * Event entries: the event a page documents (or the events of a page that
 * documents several as sections), what an app needs to subscribe to it (the
 * page's Scope line, else the shared block of the overview page listing it,
 * else the block of its directory's overview) and the "who can subscribe" line.
 */
import type { EventInfo, ScopeRequirement } from '../../server/src/catalogue/types';
import type { SharedBlock } from './index-blocks';
import type { Overrides } from './overrides';
import { eventNames, type Page } from './page';
import { requirementOf, type ScopeLine } from './scope-line';
import { pageUrl } from './scopes-table';
import { shortTitle, type Report } from './build';
import type { WhoBlock } from './who';

/** Blocks shared by overview pages: per linked page, and per directory. */
export interface EventBlocks {
  shared: Map<string, SharedBlock>;
  dirBlocks: Map<string, SharedBlock>;
}

/**
 * The requirement a Scope line gives one event. A qualifier written for
 * named events ("`basic`, for `onUserAdd` — `user`") wins for those events.
 */
export function eventRequirement(name: string, line: ScopeLine, overrides: Overrides): { requirement: ScopeRequirement; problem?: string } {
  for (const note of line.notes) {
    const m = /^(?:for|для) (?:the )?(.+?)(?: events?)? [—–-]+ ([a-z][a-z0-9_.]*)$/i.exec(note);
    if (!m) continue;
    const named = eventNames(m[1]).map((n) => n.toLowerCase());
    if (named.includes(name.toLowerCase())) return { requirement: m[2] === 'basic' ? { kind: 'basic' } : { kind: 'scope', scope: m[2] } };
  }
  return requirementOf(line, overrides.combinations);
}

/** The heading without event names; keeps "Event" when the rest would start with a preposition ("Event for Deleting ..."). */
export function eventTitle(heading: string, names: string[]): string {
  const t = shortTitle(heading, [...names, ...eventNames(heading)]);
  if (/^event$/i.test(t)) return heading.replace(/`/g, '');
  return /^(for|on|of|when|in|about)\b/.test(t) || /^formats?\b/i.test(t) ? `Event ${t}` : t;
}

const isSubscribe = (w: WhoBlock | undefined): w is WhoBlock => !!w && /subscribe|receive|подпис|получать/.test(w.subject);

/** Builds the event list (sorted by lower-case name; the first page wins for a name). */
export function buildEvents(pages: Page[], blocks: EventBlocks, overrides: Overrides, report: Report): EventInfo[] {
  const events: EventInfo[] = [];
  const seen = new Set<string>();
  for (const page of pages) {
    if (page.kind !== 'event') continue;
    const entries = page.sections ?? (page.name ? [{ name: page.name, anchor: undefined }] : []);
    const block = blocks.shared.get(page.path) ?? blocks.dirBlocks.get(page.path.split('/').slice(0, -1).join('/'));
    const line = page.scope ?? block?.scope;
    const who = isSubscribe(page.who) ? page.who : isSubscribe(block?.who) ? block.who : undefined;
    const title = eventTitle(
      page.heading,
      entries.map((e) => e.name),
    );
    if (page.nameNote && page.name) report.nameNotes.push({ path: page.path, name: page.name, note: page.nameNote });
    for (const { name, anchor } of entries) {
      if (seen.has(name.toLowerCase())) {
        report.duplicates.push(`event ${name}: ${page.path} repeats an earlier page`);
        continue;
      }
      seen.add(name.toLowerCase());
      let requirement: ScopeRequirement;
      if (line) {
        const decision = eventRequirement(name, line, overrides);
        requirement = decision.requirement;
        if (decision.problem) report.problems.push(`${page.path}: ${name}: ${decision.problem}`);
      } else {
        requirement = { kind: 'unknown', reason: 'neither the event page nor its overview page has a Scope block' };
        report.problems.push(`${page.path}: event ${name} without a Scope block on the page or its overview`);
      }
      events.push({ name, requirement, who: who?.text ?? '', url: pageUrl(page.path) + (anchor ? `#${anchor}` : ''), title });
    }
  }
  const key = (e: EventInfo) => e.name.toLowerCase();
  return events.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
