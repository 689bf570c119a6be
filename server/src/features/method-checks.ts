/**
 * The problems of one method reference or one event/placement binding, as
 * pure data: the editor (open documents) and the workspace index (every file)
 * report the same thing from here.
 */
import type { CallContext } from '../analysis/types';
import type { MethodInfo } from '../catalogue/types';
import type { BindingInfo } from '../manifest/types';
import { ruleMessage } from '../rules';
import type { Locale } from '../l10n/locale';
import { texts } from '../l10n/texts';

export type ReferenceRuleCode = 'unknown-method' | 'deprecated-method' | 'superseded-method' | 'rest-version-mismatch' | 'unknown-event' | 'unknown-placement';

/** What a quick fix needs, so fixes never re-run the check. */
export interface ReferenceProblemData {
  suggestions?: string[];
  replacement?: string;
  /** For a superseded CRM method whose replacement is `crm.item.*`: the `entityTypeId` to pass. */
  entityTypeId?: number;
}

export interface ReferenceProblem {
  code: ReferenceRuleCode;
  message: string;
  data: ReferenceProblemData;
}

/** The catalogue slice these checks read (`Catalogue` and the scope checker's catalogue satisfy it). */
export interface ReferenceCatalogue {
  get(name: string, version?: 2 | 3): MethodInfo | undefined;
  suggest?(name: string, max?: number): string[];
  event?(name: string): BindingInfo | undefined;
  suggestEvents?(name: string, max?: number): string[];
  placement?(code: string): BindingInfo | undefined;
  suggestPlacements?(code: string, max?: number): string[];
}

/** Memoised "did you mean" answers (an unknown name usually occurs many times). */
export type SuggestionMemo = Map<string, string[]>;

/** CRM entity type ids of the objects whose own methods gave way to `crm.item.*` (the docs' entity type table). */
const ENTITY_TYPE_IDS: Record<string, number> = { lead: 1, deal: 2, contact: 3, company: 4, quote: 7 };

/**
 * Problems of a method reference. `custom` methods (declared by the app) are
 * never unknown, deprecated or of the wrong version.
 */
export function methodProblems(
  ref: { name: string; version?: 2 | 3; context?: CallContext },
  catalogue: ReferenceCatalogue,
  memo?: SuggestionMemo,
  locale?: Locale,
): ReferenceProblem[] {
  const t = texts(locale);
  const exact = ref.version ? catalogue.get(ref.name, ref.version) : catalogue.get(ref.name);
  const any = exact ?? catalogue.get(ref.name);
  if (!any) {
    const suggestions = suggest(`m:${ref.name}`, memo, () => catalogue.suggest?.(ref.name, 3) ?? []);
    return [
      { code: 'unknown-method', message: ruleMessage('unknown-method', { name: ref.name, hint: t.didYouMean(suggestions) }, locale), data: { suggestions } },
    ];
  }
  if (any.custom) return [];
  const out: ReferenceProblem[] = [];
  if (!exact && ref.version) {
    out.push({
      code: 'rest-version-mismatch',
      message: ruleMessage(
        'rest-version-mismatch',
        { name: any.name, documented: ref.version === 3 ? '2' : '3.0', called: ref.version === 3 ? '3.0' : '2' },
        locale,
      ),
      data: {},
    });
  }
  const method = exact ?? any;
  if (method.deprecated) {
    const instead = method.replacement ? t.useInstead(method.replacement) : '';
    if (method.superseded) {
      const entityTypeId = mechanicalEntityTypeId(method.name, method.replacement);
      const how = entityTypeId !== undefined ? t.useWithEntityTypeId(method.replacement!, entityTypeId) : instead;
      out.push({
        code: 'superseded-method',
        message: ruleMessage('superseded-method', { name: method.name, instead: how }, locale),
        data: { replacement: method.replacement, entityTypeId },
      });
    } else {
      out.push({
        code: 'deprecated-method',
        message: ruleMessage('deprecated-method', { name: method.name, instead }, locale),
        data: { replacement: method.replacement },
      });
    }
  }
  return out;
}

/** Problems of an event or placement binding: an unknown name, with "did you mean". */
export function bindingProblems(
  b: { kind: 'event' | 'placement'; name: string },
  catalogue: ReferenceCatalogue,
  memo?: SuggestionMemo,
  locale?: Locale,
): ReferenceProblem[] {
  const lookup = b.kind === 'event' ? catalogue.event : catalogue.placement;
  // A catalogue without events or placements cannot tell: say nothing rather than call everything unknown.
  if (!lookup || lookup.call(catalogue, b.name)) return [];
  const code = b.kind === 'event' ? 'unknown-event' : 'unknown-placement';
  const suggestions = suggest(
    `${b.kind}:${b.name}`,
    memo,
    () => (b.kind === 'event' ? catalogue.suggestEvents?.(b.name, 3) : catalogue.suggestPlacements?.(b.name, 3)) ?? [],
  );
  return [{ code, message: ruleMessage(code, { name: b.name, hint: texts(locale).didYouMean(suggestions) }, locale), data: { suggestions } }];
}

/**
 * The `entityTypeId` a superseded `crm.<entity>.<verb>` call passes to its
 * `crm.item.<verb>` replacement, when the mapping is that mechanical.
 */
export function mechanicalEntityTypeId(name: string, replacement: string | undefined): number | undefined {
  const m = /^crm\.(lead|deal|contact|company|quote)\.(add|update|get|list|delete|fields)$/i.exec(name);
  if (!m || !replacement || replacement.toLowerCase() !== `crm.item.${m[2].toLowerCase()}`) return undefined;
  return ENTITY_TYPE_IDS[m[1].toLowerCase()];
}

function suggest(key: string, memo: SuggestionMemo | undefined, compute: () => string[]): string[] {
  const hit = memo?.get(key);
  if (hit) return hit;
  const value = compute();
  memo?.set(key, value);
  return value;
}
