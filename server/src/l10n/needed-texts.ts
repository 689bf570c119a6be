/**
 * Why a scope is needed, in English and Russian: how an any-of requirement
 * was settled, why a name's scope could not be decided, and what a piece of
 * evidence is (a method, an event, a placement). Every kind has a text in each
 * language by type, so a new kind without a Russian text does not compile.
 * Scope codes, method names and file paths are quoted as they are.
 */
import type { Locale } from './locale';

/** What needs a scope: a method called, an event or a placement bound, at `file:line` when known. */
export interface NeedUse {
  kind: 'method' | 'event' | 'placement';
  name: string;
  file?: string;
  line?: number;
}

/** The facts behind each reason, by kind. */
export interface WhyParams {
  /** An any-of requirement settled by a scope needed anyway by `by`. */
  'needed-anyway': { scope: string; by: NeedUse | undefined; uses: NeedUse[] };
  /** … by a scope already chosen for another any-of requirement. */
  'already-chosen': { scope: string; uses: NeedUse[] };
  /** … by the narrowest scope of a family the documentation ranks. */
  narrowest: { scope: string; among: string[] };
  /** … by the scope granting the fewest methods. */
  'fewest-methods': { scope: string; count: number; others: { scope: string; count: number }[] };
  /** Undecided: the documentation does not name the scope of `use`. */
  undocumented: { use: NeedUse; reason: string };
  'unknown-method': Record<string, never>;
  'unknown-event': Record<string, never>;
  'unknown-placement': Record<string, never>;
  /** Undecided: the method name is built at run time. */
  dynamic: Record<string, never>;
}

export type WhyKind = keyof WhyParams;

export interface NeededTexts {
  why: { [K in WhyKind]: (p: WhyParams[K]) => string };
  /** The word for a piece of evidence in text output (`app.js:3 event ONCRMDEALADD`). */
  evidence: Record<NeedUse['kind'], string>;
}

const q = (s: string) => `'${s}'`;
const at = (u: NeedUse) => (u.file === undefined ? '' : ` (${u.file}:${u.line})`);

/** At most three names, then how many more. */
function names(uses: NeedUse[], name: (u: NeedUse) => string, more: (n: number) => string): string {
  const list = [...new Set(uses.map(name))];
  return list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')} ${more(list.length - 3)}`;
}

const useEn = (u: NeedUse) => (u.kind === 'method' ? q(u.name) : `the ${u.kind} ${q(u.name)}`);
const usesEn = (uses: NeedUse[]) => names(uses, useEn, (n) => `and ${n} more`);

export const NEEDED_EN: NeededTexts = {
  why: {
    'needed-anyway': ({ scope, by, uses }) =>
      `${q(scope)} is needed anyway by ${by ? `${useEn(by)}${at(by)}` : 'another call'}, and it satisfies ${usesEn(uses)}`,
    'already-chosen': ({ scope, uses }) => `${q(scope)} is already chosen for another call, and it satisfies ${usesEn(uses)}`,
    narrowest: ({ scope, among }) => `${q(scope)} is the narrowest of ${among.map(q).join(', ')} (the documentation ranks them from minimal to full access)`,
    'fewest-methods': ({ scope, count, others }) =>
      `${q(scope)} grants the fewest methods (${count}; ${others.map((o) => `${q(o.scope)} ${o.count}`).join(', ')}), so it is the least privilege`,
    undocumented: ({ use, reason }) => `the documentation does not say which scope ${useEn(use)} needs (${reason})`,
    'unknown-method': () => 'no documented or declared method has this name',
    'unknown-event': () => 'no documented event has this name',
    'unknown-placement': () => 'no documented placement has this name',
    dynamic: () => 'the method name is built at run time',
  },
  evidence: { method: 'method', event: 'event', placement: 'placement' },
};

/** A use in the genitive («для события 'X'») and the dative («событию 'X'»). */
const genitiveRu = (u: NeedUse) => (u.kind === 'method' ? q(u.name) : `${u.kind === 'event' ? 'события' : 'точки встраивания'} ${q(u.name)}`);
const dativeRu = (u: NeedUse) => `${u.kind === 'method' ? 'методу' : u.kind === 'event' ? 'событию' : 'точке встраивания'} ${q(u.name)}`;
const usesRu = (uses: NeedUse[]) => names(uses, genitiveRu, (n) => `и ещё ${n}`);

export const NEEDED_RU: NeededTexts = {
  why: {
    'needed-anyway': ({ scope, by, uses }) =>
      `${q(scope)} нужен в любом случае — для ${by ? `${genitiveRu(by)}${at(by)}` : 'другого вызова'}, и его достаточно для ${usesRu(uses)}`,
    'already-chosen': ({ scope, uses }) => `${q(scope)} уже выбран для другого вызова, и его достаточно для ${usesRu(uses)}`,
    narrowest: ({ scope, among }) => `${q(scope)} — самый узкий из ${among.map(q).join(', ')} (документация перечисляет их от минимального доступа к полному)`,
    'fewest-methods': ({ scope, count, others }) =>
      `${q(scope)} даёт доступ к меньшему числу методов, чем остальные (${count}; ${others.map((o) => `${q(o.scope)} ${o.count}`).join(', ')}), — это минимальные права`,
    undocumented: ({ use, reason }) => `в документации не сказано, какой скоуп нужен ${dativeRu(use)} (${reason})`,
    'unknown-method': () => 'ни один описанный или объявленный метод так не называется',
    'unknown-event': () => 'ни одно описанное событие так не называется',
    'unknown-placement': () => 'ни одна описанная точка встраивания так не называется',
    dynamic: () => 'имя метода собирается во время выполнения',
  },
  evidence: { method: 'метод', event: 'событие', placement: 'точка встраивания' },
};

/** Why-texts in `locale` (English when undefined). */
export function neededTexts(locale: Locale | undefined): NeededTexts {
  return locale === 'ru' ? NEEDED_RU : NEEDED_EN;
}

/** Says why, in `locale`. */
export function why<K extends WhyKind>(locale: Locale | undefined, kind: K, params: WhyParams[K]): string {
  return (neededTexts(locale).why[kind] as (p: WhyParams[K]) => string)(params);
}
