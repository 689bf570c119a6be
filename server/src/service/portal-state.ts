/**
 * The one place the connected portal's facts live inside the language service.
 * Hover, diagnostics, App Scopes and tools all read them from here, so they can
 * never disagree about which portal is connected or whether its facts are fresh.
 */
import type { PortalFacts } from '../protocol';
import { freshFacts, portalConfirms } from '../features/live-checks';

/** The portal facts the client last sent, with the clock that decides their freshness. */
export class PortalState {
  private facts: PortalFacts | undefined;
  /** Names already handed out for `method.get`, per portal (the client caches answers too). */
  private readonly asked = new Set<string>();

  constructor(private readonly now: () => number) {}

  /** Replaces the facts; undefined when no portal is connected or its facts can no longer be trusted. */
  set(facts: PortalFacts | undefined): void {
    this.facts = facts;
  }

  /** The facts as last set, fresh or not (live checks judge freshness themselves, at `now`). */
  get(): PortalFacts | undefined {
    return this.facts;
  }

  /** The facts while they are recent enough to show, otherwise undefined. */
  fresh(): PortalFacts | undefined {
    return freshFacts(this.facts, this.now());
  }

  /** The facts with the moment they are judged at, for the features' context. */
  snapshot(): { facts: PortalFacts | undefined; now: number } {
    return { facts: this.facts, now: this.now() };
  }

  /** True when the portal says it has `name` (an offline "unknown method" is then wrong). */
  confirms(name: string): boolean {
    return portalConfirms(name, this.facts, this.now());
  }

  /**
   * Of `names` (lower case), those still to ask the portal about: not answered yet and not
   * handed out before for this portal. Handing them out records them, so each is asked once.
   */
  takeUnasked(names: readonly string[]): string[] {
    const live = this.fresh();
    if (!live) return [];
    const fresh = names.filter((n) => !live.methods?.[n] && !this.asked.has(`${live.portal}|${n}`));
    for (const n of fresh) this.asked.add(`${live.portal}|${n}`);
    return fresh;
  }
}
