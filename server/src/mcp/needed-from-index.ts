/**
 * The least set of scopes the code under a folder needs, with the call sites
 * that need each one, read from the workspace index. Alternatives
 * (`user | user_brief`) are settled by least privilege, preferring a scope
 * already chosen for another call.
 */
import { requirementScopes } from '../catalogue/requirement';
import { relativeTo } from '../manifest/file-system';
import { rankByPrivilege } from '../manifest/scope-arithmetic';
import type { WorkspaceIndex } from '../manifest/workspace-index';
import type { ScopeCatalogue } from '../manifest/types';

export interface Evidence {
  kind: 'method';
  name: string;
  /** Workspace-relative path. */
  file: string;
  /** 1-based. */
  line: number;
}

export interface NeededScopes {
  scopes: string[];
  evidence: Record<string, Evidence[]>;
  /** Calls whose scope cannot be told: undocumented requirement, unknown method, name built at run time. */
  undecided: { name: string; file: string; line: number; reason: string }[];
  /** Where one of several scopes would do: what was chosen and the alternatives. */
  choices: { method: string; chosen: string; alternatives: string[] }[];
}

/** Needed scopes for the files under `folder` (undefined: every indexed file). */
export function neededFromIndex(index: WorkspaceIndex, catalogue: ScopeCatalogue, folder?: string): NeededScopes {
  const within = (file: string) => folder === undefined || relativeTo(folder, file) !== undefined;
  const groups: (string | undefined)[] = [...index.manifests().map((m) => m.file), undefined];
  const calls: { name: string; file: string; line: number; scopes: string[]; kind: string }[] = [];
  const undecided: NeededScopes['undecided'] = [];
  for (const group of groups) {
    const lookup = index.lookup(group);
    for (const f of index.filesOf(group)) {
      if (!within(f.file)) continue;
      const file = index.label(f.file);
      for (const c of f.calls) {
        const line = c.range.start.line + 1;
        const m = lookup.get(c.name, c.version);
        if (!m) undecided.push({ name: c.name, file, line, reason: 'not a documented method' });
        else if (m.requirement.kind === 'unknown') undecided.push({ name: m.name, file, line, reason: 'the documentation does not say its scope' });
        else if (m.requirement.kind !== 'basic') calls.push({ name: m.name, file, line, scopes: requirementScopes(m.requirement), kind: m.requirement.kind });
      }
      for (const d of f.dynamic) undecided.push({ name: d.pattern, file, line: d.range.start.line + 1, reason: 'the method name is built at run time' });
    }
  }
  const chosen = new Set<string>();
  for (const c of calls) if (c.kind !== 'anyOf') c.scopes.forEach((s) => chosen.add(s));
  const choices: NeededScopes['choices'] = [];
  const evidence: Record<string, Evidence[]> = {};
  const cite = (scope: string, c: (typeof calls)[number]) => (evidence[scope] ??= []).push({ kind: 'method', name: c.name, file: c.file, line: c.line });
  for (const c of calls) {
    if (c.kind !== 'anyOf') {
      c.scopes.forEach((s) => cite(s, c));
      continue;
    }
    const pick = rankByPrivilege(c.scopes, catalogue, chosen)[0];
    if (!chosen.has(pick)) choices.push({ method: c.name, chosen: pick, alternatives: c.scopes.filter((s) => s !== pick) });
    chosen.add(pick);
    cite(pick, c);
  }
  return { scopes: [...chosen].sort(), evidence, undecided, choices };
}
