/**
 * Users, departments and workgroups as access-code choices: the REST calls
 * behind the pickers and the rows they show. No `vscode` here.
 */
import type { RightsApi } from './api';

export interface CodeChoice {
  /** The access code the choice stands for, e.g. `U5`. */
  code: string;
  label: string;
  description?: string;
  detail?: string;
}

type Row = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const rowsOf = (v: unknown): Row[] => (Array.isArray(v) ? v.filter((r): r is Row => typeof r === 'object' && r !== null) : []);

/** Users matching `text` (`user.search` with `FIND`), as `U<id>` choices; inactive users marked. */
export async function searchUsers(api: RightsApi, text: string): Promise<CodeChoice[]> {
  const rows = rowsOf(await api.call('user.search', { FILTER: { FIND: text } }, { write: false }));
  return rows.flatMap((r) => {
    const id = Number(r.ID);
    if (!Number.isInteger(id) || id <= 0) return [];
    const name = [str(r.NAME), str(r.LAST_NAME)].filter(Boolean).join(' ') || str(r.EMAIL) || `User #${id}`;
    const inactive = r.ACTIVE === false || r.ACTIVE === 'N';
    return [{ code: `U${id}`, label: name, description: `U${id}${inactive ? ' · inactive' : ''}`, detail: str(r.WORK_POSITION) || undefined }];
  });
}

/** At most this many departments are offered; a portal with more is better served by typing `DR<id>`. */
const MAX_PAGES = 10;

/** Every department (`department.get`, 50 per page), ordered as a tree with indentation. */
export async function listDepartments(api: RightsApi): Promise<{ id: number; name: string; depth: number }[]> {
  const all: Row[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const rows = rowsOf(await api.call('department.get', { sort: 'SORT', order: 'ASC', START: page * 50 }, { write: false }));
    all.push(...rows);
    if (rows.length < 50) break;
  }
  const deps = all
    .map((r) => ({
      id: Number(r.ID),
      name: str(r.NAME),
      parent: r.PARENT === undefined || r.PARENT === null || r.PARENT === '' ? undefined : Number(r.PARENT),
    }))
    .filter((d) => Number.isInteger(d.id) && d.id > 0);
  const ids = new Set(deps.map((d) => d.id));
  const out: { id: number; name: string; depth: number }[] = [];
  const visit = (parent: number | undefined, depth: number) => {
    for (const d of deps.filter((x) => (parent === undefined ? x.parent === undefined || !ids.has(x.parent) : x.parent === parent))) {
      if (out.some((o) => o.id === d.id)) continue; // a parent cycle in the data must not loop forever
      out.push({ id: d.id, name: d.name, depth });
      visit(d.id, depth + 1);
    }
  };
  visit(undefined, 0);
  return out;
}

/** Department choices: `DR<id>` (with sub-departments) first, as it is what most rules mean. */
export function departmentChoices(list: readonly { id: number; name: string; depth: number }[], withSub: boolean): CodeChoice[] {
  return list.map((d) => ({
    code: `${withSub ? 'DR' : 'D'}${d.id}`,
    label: `${'  '.repeat(d.depth)}${d.name || `Department #${d.id}`}`,
    description: `${withSub ? 'DR' : 'D'}${d.id}`,
  }));
}

/** Workgroups and projects the user can see (`sonet_group.get`), as `SG<id>` choices. */
export async function listWorkgroups(api: RightsApi): Promise<CodeChoice[]> {
  const all: Row[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const rows = rowsOf(await api.call('sonet_group.get', { ORDER: { NAME: 'ASC' }, start: page * 50 }, { write: false }));
    all.push(...rows);
    if (rows.length < 50) break;
  }
  return all.flatMap((r) => {
    const id = Number(r.ID);
    if (!Number.isInteger(id) || id <= 0) return [];
    const project = r.PROJECT === 'Y' || r.PROJECT === true;
    return [{ code: `SG${id}`, label: str(r.NAME) || `Workgroup #${id}`, description: `SG${id}${project ? ' · project' : ''}` }];
  });
}

/** Resolves names with `access.name`; `undefined` when the call failed (the tree then shows generic names). */
export async function resolveNames(api: RightsApi, codes: readonly string[]): Promise<ReadonlyMap<string, string> | undefined> {
  if (codes.length === 0) return new Map();
  try {
    const result = await api.call<unknown>('access.name', { ACCESS: [...codes] }, { write: false });
    const names = new Map<string, string>();
    if (typeof result === 'object' && result !== null) {
      for (const [code, v] of Object.entries(result as Record<string, unknown>)) {
        const name = (v as { name?: unknown } | null)?.name;
        if (typeof name === 'string') names.set(code, name);
      }
    }
    return names;
  } catch {
    return undefined;
  }
}
