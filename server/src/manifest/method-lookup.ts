/** Looks methods up in the catalogue and in a manifest's `methods.custom`, custom first. */
import type { MethodInfo, ScopeRequirement } from '../catalogue/types';
import type { MethodNames } from '../analysis/types';
import type { CustomMethodDeclaration } from '../catalogue/catalogue';
import type { CustomMethod, ScopeCatalogue } from './types';

/** A method the checker knows, with what it needs. */
export interface KnownMethod {
  name: string;
  requirement: ScopeRequirement;
  /** Catalogue facts; undefined for custom methods. */
  info?: MethodInfo;
}

export class MethodLookup implements MethodNames {
  private readonly custom = new Map<string, CustomMethod>();

  constructor(
    private readonly catalogue: ScopeCatalogue,
    custom: readonly CustomMethod[] = [],
  ) {
    for (const c of custom) this.custom.set(c.name.toLowerCase(), c);
  }

  /** The method called as `name` (REST `version` when the call says), or undefined when nobody documents it. */
  get(name: string, version?: 2 | 3): KnownMethod | undefined {
    const custom = this.custom.get(name.toLowerCase());
    if (custom) return { name: custom.name, requirement: custom.requirement };
    const info = (version ? this.catalogue.get(name, version) : undefined) ?? this.catalogue.get(name);
    return info && { name: info.name, requirement: info.requirement, info };
  }

  has(name: string): boolean {
    return this.custom.has(name.toLowerCase()) || this.catalogue.get(name) !== undefined;
  }

  /** Custom methods whose requirement mentions `scope` (the catalogue answers for its own). */
  customOfScope(scope: string): CustomMethod[] {
    return [...this.custom.values()].filter((c) => {
      const r = c.requirement;
      return (r.kind === 'scope' && r.scope === scope) || ((r.kind === 'anyOf' || r.kind === 'allOf') && r.scopes.includes(scope));
    });
  }

  /** Scope codes custom methods introduce (on-premise modules may define their own). */
  customScopes(): Set<string> {
    const out = new Set<string>();
    for (const c of this.custom.values()) {
      const r = c.requirement;
      if (r.kind === 'scope') out.add(r.scope);
      else if (r.kind === 'anyOf' || r.kind === 'allOf') r.scopes.forEach((s) => out.add(s));
    }
    return out;
  }
}

/** A manifest's custom methods in the form `Catalogue.withCustom` takes (for hover and completion). */
export function toCustomDeclarations(custom: readonly CustomMethod[]): CustomMethodDeclaration[] {
  return custom.map((c) => {
    const r = c.requirement;
    if (r.kind === 'scope') return { name: c.name, scope: r.scope };
    if (r.kind === 'basic') return { name: c.name, scope: 'basic' };
    if (r.kind === 'anyOf' || r.kind === 'allOf') return { name: c.name, scopes: r.scopes, allOf: r.kind === 'allOf' };
    return { name: c.name };
  });
}
