/**
 * A small stateful stand-in for a portal's landing rights methods, with
 * one-shot failures and hooks, for testing the pure rights core. Errors are
 * real PortalErrors, shaped as the REST client raises them.
 */
import { errorFromResponse, localError } from '../../../client/src/portal/errors';
import type { RightsApi, RightsCallOptions } from '../../../client/src/rights/api';

export interface FakeSite {
  id: number;
  title: string;
  code: string;
  type: string;
  rights: Record<string, string[]>;
}

export interface Call {
  method: string;
  params: Record<string, unknown>;
  write: boolean | undefined;
}

const SCOPE_OF: Record<string, string> = { KNOWLEDGE: 'KNOWLEDGE', GROUP: 'GROUP', MAINPAGE: 'MAINPAGE' };

export class FakeApi implements RightsApi {
  readonly portal: string = 'https://example.bitrix24.com';
  readonly calls: Call[] = [];
  roleModel = false;
  sites: FakeSite[] = [];
  /** Codes the connected user holds, for getRights and user.access. */
  userCodes = new Set(['U1', 'AU', 'G2']);
  /** A portal administrator holds every operation on every site. */
  admin = false;
  names: Record<string, string> = { AU: 'All authorized users', U1: 'Alice Morgan', DR5: 'Marketing (with subdepartments)' };
  roles: { ID: string; TITLE: string; XML_ID: string; rights: Record<string, string[]> | [] }[] = [];
  private failures: { method: string; error: Error }[] = [];
  private hooks: { method: string; run: () => void }[] = [];

  constructor(siteCount = 3) {
    for (let i = 1; i <= siteCount; i++) this.sites.push({ id: i, title: `Site ${i}`, code: `site-${i}`, type: 'PAGE', rights: {} });
  }

  /** The next call of `method` rejects with `error`. */
  failNext(method: string, error: Error): this {
    this.failures.push({ method, error });
    return this;
  }

  /** Runs `run` just before the next call of `method` is answered. */
  beforeNext(method: string, run: () => void): this {
    this.hooks.push({ method, run });
    return this;
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  async call<T>(method: string, params: Record<string, unknown> = {}, opts: RightsCallOptions = {}): Promise<T> {
    this.calls.push({ method, params, write: opts.write });
    const hook = this.hooks.findIndex((h) => h.method === method);
    if (hook >= 0) this.hooks.splice(hook, 1)[0].run();
    const fail = this.failures.findIndex((f) => f.method === method);
    if (fail >= 0) throw this.failures.splice(fail, 1)[0].error;
    return this.answer(method, params) as T;
  }

  private inScope(site: FakeSite, params: Record<string, unknown>): boolean {
    const scope = typeof params.scope === 'string' ? params.scope : '';
    return (SCOPE_OF[site.type] ?? '') === scope;
  }

  private answer(method: string, params: Record<string, unknown>): unknown {
    switch (method) {
      case 'profile':
        return { ID: '1', NAME: 'Alice', LAST_NAME: 'Morgan', ADMIN: this.admin };
      case 'user.access':
        return this.admin || ((params.ACCESS as string[]) ?? []).some((c) => this.userCodes.has(c));
      case 'landing.role.isEnabled':
        return this.roleModel;
      case 'landing.role.enable':
        this.roleModel = Number(params.mode) === 1;
        return true;
      case 'landing.site.getList': {
        const p = (params.params ?? {}) as { filter?: { ID?: number }; limit?: number; offset?: number };
        let rows = this.sites.filter((s) => this.inScope(s, params));
        if (p.filter?.ID !== undefined) rows = rows.filter((s) => s.id === Number(p.filter?.ID));
        rows = rows.slice(p.offset ?? 0, p.limit === undefined ? undefined : (p.offset ?? 0) + p.limit);
        return rows.map((s) => ({ ID: String(s.id), TITLE: s.title, CODE: s.code, TYPE: s.type }));
      }
      case 'landing.site.setRights': {
        const site = this.sites.find((s) => s.id === Number(params.id) && this.inScope(s, params));
        if (!site) return false;
        if (!this.roleModel) site.rights = JSON.parse(JSON.stringify(params.rights ?? {})) as Record<string, string[]>;
        return true;
      }
      case 'landing.site.getRights': {
        const site = this.sites.find((s) => s.id === Number(params.id) && this.inScope(s, params));
        if (!site) return [];
        // As on the portal: administrators, and everyone on a site without individual rules, hold every operation.
        if (this.admin || Object.keys(site.rights).length === 0) return ['read', 'edit', 'sett', 'public', 'delete'];
        const ops = new Set<string>();
        for (const [code, list] of Object.entries(site.rights)) if (this.userCodes.has(code)) list.forEach((op) => ops.add(op));
        return [...ops];
      }
      case 'access.name': {
        const out: Record<string, unknown> = {};
        for (const code of (params.ACCESS as string[]) ?? []) {
          if (this.names[code]) out[code] = { name: this.names[code], provider: '', provider_id: 'other' };
        }
        return out;
      }
      case 'landing.role.getList':
        return this.roles.map(({ ID, TITLE, XML_ID }) => ({ ID, TITLE, XML_ID }));
      case 'landing.role.getRights':
        return this.roles.find((r) => r.ID === String(params.id))?.rights ?? [];
      default:
        throw errorFromResponse('ERROR_METHOD_NOT_FOUND', { method });
    }
  }
}

/** A Bitrix24 error answer, as the REST client raises it. */
export function portalError(code: string, method = 'landing.site.setRights', status = 400): Error {
  return errorFromResponse(code, { method, status, detail: `${code} from the portal` });
}

/** A transport failure (no answer). */
export function networkError(method = 'landing.site.setRights'): Error {
  return localError('network', { method, detail: 'connect ECONNREFUSED' });
}
