/**
 * The slice of a portal connection the Site Rights feature needs. The
 * extension's REST client satisfies it as is; tests pass a fake or a client
 * bound to the demo portal.
 */

export interface RightsCallOptions {
  /** `true` for calls that change the portal (never retried), `false` for reads (may be retried). */
  write?: boolean;
  signal?: AbortSignal;
}

export interface RightsApi {
  /** Portal address, e.g. `https://example.bitrix24.com`; never contains a secret. */
  readonly portal: string;
  /** Calls a REST method and resolves with its `result`; rejects with a PortalError-like error. */
  call<T = unknown>(method: string, params?: Record<string, unknown>, opts?: RightsCallOptions): Promise<T>;
}

/** Site types as `landing.site.getList` reports them. */
export type SiteType = 'PAGE' | 'STORE' | 'SMN' | 'KNOWLEDGE' | 'GROUP' | 'MAINPAGE';

/**
 * The landing `scope` parameter (not the REST scope): ordinary sites need
 * none, knowledge bases, group sites and the main page need their own.
 */
export type LandingSection = 'SITE' | 'KNOWLEDGE' | 'GROUP' | 'MAINPAGE';

/** The section a site type belongs to. */
export function sectionOfType(type: string): LandingSection {
  return type === 'KNOWLEDGE' || type === 'GROUP' || type === 'MAINPAGE' ? type : 'SITE';
}

/** Adds the landing `scope` parameter when the section needs one. */
export function withSection(section: LandingSection, params: Record<string, unknown>): Record<string, unknown> {
  return section === 'SITE' ? params : { scope: section, ...params };
}

/** The host part of a portal address, used to name the folder under `.bitrix24/rights/`. */
export function portalHost(portal: string): string {
  try {
    return new URL(portal).host.toLowerCase();
  } catch {
    return portal
      .replace(/^[a-z]+:\/\//i, '')
      .replace(/\/.*$/, '')
      .toLowerCase();
  }
}
