/**
 * A new bitrix24.json proposed from what the code calls: the scopes the calls
 * need, choosing the least-privilege scope where a method accepts several and
 * saying so in a comment next to that choice.
 */
import type { ScopeRequirement } from '../catalogue/types';
import { bindingRequirement, rankByPrivilege } from './scope-arithmetic';
import type { AppKind, FileCalls, ScopeCatalogue } from './types';

/** A call the proposal accounts for (resolved to its requirement by the caller). */
export interface RequiredBy {
  method: string;
  requirement: ScopeRequirement;
}

export interface ProposedManifest {
  /** The file content (JSONC). */
  text: string;
  scopes: string[];
  /** What the user should know: choices made, calls it could not account for. */
  notes: string[];
}

export interface ProposeOptions {
  kind?: AppKind;
  /** Calls whose method name is built at run time (they cannot be accounted for). */
  dynamicCalls?: number;
}

/** Proposes a manifest declaring exactly what `calls` need. */
export function proposeManifest(calls: Iterable<RequiredBy>, catalogue: ScopeCatalogue, options: ProposeOptions = {}): ProposedManifest {
  const chosen = new Set<string>();
  const alternatives = new Map<string, RequiredBy>();
  const undocumented = new Set<string>();
  for (const call of calls) {
    const r = call.requirement;
    if (r.kind === 'scope') chosen.add(r.scope);
    else if (r.kind === 'allOf') r.scopes.forEach((s) => chosen.add(s));
    else if (r.kind === 'anyOf') alternatives.set(r.scopes.join('|'), call);
    else if (r.kind === 'unknown') undocumented.add(call.method);
  }
  const why = new Map<string, string>();
  const notes: string[] = [];
  for (const call of [...alternatives.values()].sort((a, b) => a.method.localeCompare(b.method))) {
    if (call.requirement.kind !== 'anyOf') continue;
    const options = call.requirement.scopes;
    if (options.some((s) => chosen.has(s))) continue;
    const pick = rankByPrivilege(options, catalogue)[0];
    chosen.add(pick);
    const others = options.filter((s) => s !== pick).join(', ');
    why.set(pick, `least privilege for ${call.method} (it also accepts ${others})`);
    notes.push(`Chose '${pick}' for ${call.method}: it grants the least of ${options.map((s) => `'${s}'`).join(', ')}.`);
  }
  for (const m of [...undocumented].sort()) notes.push(`The documentation does not say which scope ${m} needs; add it by hand.`);
  if (options.dynamicCalls) {
    notes.push(
      `${options.dynamicCalls} call${options.dynamicCalls > 1 ? 's build' : ' builds'} the method name at run time; list those methods in "methods.extra".`,
    );
  }
  const scopes = [...chosen].sort();
  return { text: render(scopes, why, options.kind), scopes, notes };
}

/** Proposes a manifest for what `files` call (names resolved in `catalogue`, custom methods included). */
export function proposeForFiles(files: readonly FileCalls[], catalogue: ScopeCatalogue, kind?: AppKind): ProposedManifest {
  const needs: RequiredBy[] = files.flatMap((f) => [
    ...f.calls.flatMap((c) => {
      const m = catalogue.get(c.name, c.version) ?? catalogue.get(c.name);
      return m ? [{ method: m.name, requirement: m.requirement }] : [];
    }),
    // Bound events and placements need their own scopes too.
    ...(f.bindings ?? []).flatMap((b) => {
      const info = b.kind === 'event' ? catalogue.event?.(b.name) : catalogue.placement?.(b.name);
      return info ? [{ method: `the ${b.kind} ${info.name ?? info.code ?? b.name}`, requirement: bindingRequirement(info) }] : [];
    }),
  ]);
  const dynamicCalls = files.reduce((n, f) => n + f.dynamic.length, 0);
  return proposeManifest(needs, catalogue, { kind, dynamicCalls });
}

function render(scopes: string[], why: Map<string, string>, kind: AppKind | undefined): string {
  const lines = ['{'];
  if (kind) lines.push(`  "kind": ${JSON.stringify(kind)},`);
  if (scopes.length === 0) lines.push('  "scopes": []');
  else {
    lines.push('  "scopes": [');
    scopes.forEach((s, i) => {
      const comma = i < scopes.length - 1 ? ',' : '';
      const note = why.get(s);
      lines.push(`    ${JSON.stringify(s)}${comma}${note ? ` // ${note}` : ''}`);
    });
    lines.push('  ]');
  }
  lines.push('}', '');
  return lines.join('\n');
}
