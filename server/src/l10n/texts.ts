/**
 * The words of the language features (hover, completion, code actions, the
 * fragments of diagnostics) in English and Russian. One interface, two
 * objects: a text missing in one language does not compile. Russian follows
 * the Russian documentation's terms (скоуп, «Кто может выполнять метод»,
 * точка встраивания, вебхук).
 */
import type { ExecutorClass } from '../catalogue/types';
import type { Locale } from './locale';

/** Everything the features say, for one language. */
export interface Texts {
  locale: Locale;
  /** The link on a method card. */
  docs: string;
  officialDocs: string;
  rest3: string;
  rest2: string;
  scope: string;
  whoCanExecute: string;
  whoCanSubscribe: string;
  whoClass: Record<ExecutorClass, string>;
  deprecated: (replacement?: string) => string;
  superseded: (replacement?: string) => string;
  needsConfirmation: string;
  appOnly: string;
  note: (notes: string[]) => string;
  required: string;
  basic: string;
  anyOf: string;
  allOf: string;
  notDocumented: (reason: string) => string;
  deprecatedScopeSuffix: string;
  scopeTitle: (code: string, tool: string) => string;
  grantsMethods: (count: number) => string;
  noUses: string;
  usesHeader: (count: number) => string;
  moreUses: (count: number) => string;
  deprecatedScope: (replacement?: string) => string;
  unknownMethodHover: (name: string) => string;
  unknownBindingHover: (name: string, kind: 'event' | 'placement') => string;
  didYouMeanHover: (names: string[]) => string;
  bindingKind: (kind: 'event' | 'placement') => string;
  dynamicName: (pattern: string) => string;
  declaredIn: (label: string) => string;
  notDeclaredIn: (label: string, what: string) => string;
  oneOf: (codes: string[]) => string;
  /** The hover line of an entry whose editions name different scopes: English first, then Russian. */
  editionsScopes: (en: string, ru: string) => string;
  editionsDeprecated: (deprecatedIn: 'en' | 'ru') => string;
  /** Completion details. */
  detailSuperseded: string;
  detailDeprecated: string;
  detailRequired: string;
  fields: string;
  scopeDetail: (requirement: string) => string;
  /** Diagnostic fragments (`{hint}`, `{instead}` of the rule messages). */
  didYouMean: (names: string[]) => string;
  useInstead: (replacement: string) => string;
  useWithEntityTypeId: (replacement: string, id: number) => string;
  /** Code-action titles. */
  replaceWith: (name: string) => string;
  replaceCheckParams: (name: string) => string;
  replacePassEntityTypeId: (name: string, id: number, inserted: boolean) => string;
  /** Which edition a scope check followed for an entry with `editions`. */
  editionUsed: (edition: 'en' | 'ru', scopes: string) => string;
  /** Scope-check fragments: a use (`'crm.deal.add'`, `the event 'onCrmDealAdd'`), at a sentence start or inside one. */
  use: (kind: 'method' | 'event' | 'placement', name: string, start: boolean) => string;
  theManifest: string;
  needsScopes: (scopes: string[]) => string;
  needsOneOf: (scopes: string[]) => string;
  usesList: (shown: string[], more: number) => string;
  anyWouldDo: (options: string[], least: string) => string;
  relatedNeeds: (use: string, scopes: string[]) => string;
  forbiddenUses: (uses: string | undefined, count: number, declared: boolean) => string;
  declaredHere: (code: string) => string;
  /** Appended to a missing-scope hint when the other edition names other scopes. */
  otherEditionNames: (edition: 'en' | 'ru', scopes: string) => string;
  /** Declared-scope fragments. */
  basicNotAScope: string;
  checkScopeList: string;
  useCurrentReplacement: string;
  unusedWhy: (covered?: { method: string; by: string }) => string;
  unusedRule: (webhook: boolean) => string;
  mayBeUnused: (code: string, why: string, calls: number, pattern: string, at: string, json: boolean) => string;
}

const code = (s: string) => `\`${s}\``;
const quoted = (names: string[]) => names.map((n) => `'${n}'`).join(', ');

/** Russian plural form: 1 метод, 2 метода, 5 методов. */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

export const EN: Texts = {
  locale: 'en',
  docs: 'docs',
  officialDocs: 'Official documentation',
  rest3: 'REST 3.0 (the new API, `/rest/api/…`)',
  rest2: 'REST 2 (the classic API, `/rest/…`)',
  scope: 'Scope',
  whoCanExecute: 'Who can execute',
  whoCanSubscribe: 'Who can subscribe',
  whoClass: { any: 'any user', admin: 'administrator', permission: 'needs a permission', depends: 'depends on settings', unknown: 'not documented' },
  deprecated: (r) => `⚠️ **Deprecated**${r ? ` — use ${code(r)}` : ''}`,
  superseded: (r) => `⚠️ **Deprecated**${r ? ` — use ${code(r)}` : ''}`,
  needsConfirmation: 'needs administrator confirmation',
  appOnly: 'works only from an application, not a webhook',
  note: (notes) => `Note: ${notes.join('; ')}.`,
  required: 'Required',
  basic: 'no scope needed (basic)',
  anyOf: 'any one of ',
  allOf: 'all of ',
  notDocumented: (reason) => `not documented (${reason})`,
  deprecatedScopeSuffix: ' — deprecated scope',
  scopeTitle: (c, tool) => `**Scope ${code(c)}** — ${tool || 'Bitrix24'}`,
  grantsMethods: (n) => `Grants access to ${n} documented method${n === 1 ? '' : 's'}.`,
  noUses: 'No call, event or placement of this app needs it.',
  usesHeader: (n) => `This app needs it for ${n} use${n === 1 ? '' : 's'}:`,
  moreUses: (n) => `… and ${n} more (App Scopes view)`,
  deprecatedScope: (r) => `⚠️ Deprecated scope${r ? ` — use ${code(r)}` : ''}.`,
  unknownMethodHover: (name) => `**${name}** is not a documented Bitrix24 REST method.`,
  unknownBindingHover: (name, kind) => `**${name}** is not a documented Bitrix24 ${kind === 'event' ? 'event' : 'placement code'}.`,
  didYouMeanHover: (names) => 'Did you mean ' + names.map(code).join(', ') + '?',
  bindingKind: (kind) => kind,
  dynamicName: (p) =>
    `Method name built at run time: ${code(p)}.\n\nIts scope cannot be checked; list the methods it can be in the manifest's \`methods.extra\`.`,
  declaredIn: (label) => `✓ Declared in ${code(label)}`,
  notDeclaredIn: (label, what) => `✗ Not declared in ${code(label)}: add ${what}`,
  oneOf: (codes) => `one of ${codes.map(code).join(', ')}`,
  editionsScopes: (en, ru) => `Editions differ: the English documentation names ${en}, the Russian ${ru}; the scope check accepts either.`,
  editionsDeprecated: (where) => `Editions differ: only the ${where === 'en' ? 'English' : 'Russian'} documentation marks it deprecated.`,
  detailSuperseded: ' · superseded',
  detailDeprecated: ' · deprecated',
  detailRequired: ' · required',
  fields: 'Fields: ',
  scopeDetail: (r) => `scope ${r}`,
  didYouMean: (names) => (names.length ? ` Did you mean ${quoted(names)}?` : ''),
  useInstead: (r) => ` Use '${r}' instead.`,
  useWithEntityTypeId: (r, id) => ` Use '${r}' with entityTypeId: ${id} instead.`,
  replaceWith: (name) => `Replace with '${name}'`,
  replaceCheckParams: (name) => `Replace with '${name}' (check its parameters)`,
  replacePassEntityTypeId: (name, id, inserted) =>
    inserted ? `Replace with '${name}' and pass entityTypeId: ${id} (field names are camelCase there)` : `Replace with '${name}' (pass entityTypeId: ${id})`,
  editionUsed: (edition, scopes) => `the ${edition === 'en' ? 'English' : 'Russian'} documentation's ${scopes} is accepted too (the editions disagree)`,
  use: (kind, name, start) => (kind === 'method' ? `'${name}'` : `${start ? 'The' : 'the'} ${kind} '${name}'`),
  theManifest: 'the manifest',
  needsScopes: (s) => `the scope${s.length > 1 ? 's' : ''} ${s.map((c) => `'${c}'`).join(' and ')}`,
  needsOneOf: (s) => `one of the scopes ${quoted(s)} ('${s[0]}' is the least privilege)`,
  usesList: (shown, more) =>
    more > 0
      ? `${shown.join(', ')} and ${more} more use${more === 1 ? '' : 's'}`
      : shown.length > 1
        ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
        : shown[0],
  anyWouldDo: (options, least) => ` Any of ${quoted(options)} would do; '${least}' is the least privilege.`,
  relatedNeeds: (use, s) => `${use} needs ${s.length > 1 ? `one of ${quoted(s)}` : `'${s[0]}'`}`,
  forbiddenUses: (uses, count, declared) =>
    [uses ? `${uses} need${count === 1 ? 's' : ''} it` : '', declared ? 'the manifest declares it' : ''].filter(Boolean).join(', and '),
  declaredHere: (c) => `'${c}' is declared here`,
  otherEditionNames: (edition, scopes) => ` The ${edition === 'en' ? 'English' : 'Russian'} documentation names ${scopes} instead, which is accepted too.`,
  basicNotAScope: "'basic' is not a scope to declare: methods with basic access need none. Remove it.",
  checkScopeList: ' Check the code against the list of Bitrix24 scopes.',
  useCurrentReplacement: ' Use its current replacement.',
  unusedWhy: (c) => (c ? `its only use, '${c.method}', is already satisfied by '${c.by}'` : 'no call in the code needs it'),
  unusedRule: (webhook) => (webhook ? 'Grant a webhook only what it uses.' : 'Market moderation rejects apps that request scopes they do not use.'),
  mayBeUnused: (code, why, calls, pattern, at, json) =>
    `Scope '${code}' may be unused: ${why}, but ${calls > 1 ? `${calls} calls build` : '1 call builds'} the method name at run time ('${pattern}' at ${at}). ` +
    `List the methods called there in ${json ? 'methods.extra' : 'methods.extra of a bitrix24.json'} to make this check complete.`,
};

export const RU: Texts = {
  locale: 'ru',
  docs: 'документация',
  officialDocs: 'Документация',
  rest3: 'REST 3.0 (новый API, `/rest/api/…`)',
  rest2: 'REST 2 (классический API, `/rest/…`)',
  scope: 'Скоуп',
  whoCanExecute: 'Кто может выполнять метод',
  whoCanSubscribe: 'Кто может подписаться',
  whoClass: {
    any: 'любой пользователь',
    admin: 'администратор',
    permission: 'нужно право доступа',
    depends: 'зависит от настроек',
    unknown: 'не указано в документации',
  },
  deprecated: (r) => `⚠️ **Метод устарел**${r ? ` — используйте ${code(r)}` : ''}`,
  superseded: (r) => `⚠️ **Развитие метода остановлено**${r ? ` — используйте ${code(r)}` : ''}`,
  needsConfirmation: 'требует подтверждения администратора',
  appOnly: 'работает только из приложения, не через вебхук',
  note: (notes) => `Примечание: ${notes.join('; ')}.`,
  required: 'Обязательные параметры',
  basic: 'скоуп не нужен (базовый доступ)',
  anyOf: 'любой из ',
  allOf: 'все сразу: ',
  notDocumented: (reason) => `не указан в документации (${reason})`,
  deprecatedScopeSuffix: ' — устаревший скоуп',
  scopeTitle: (c, tool) => `**Скоуп ${code(c)}** — ${tool || 'Битрикс24'}`,
  grantsMethods: (n) => `Даёт доступ к ${n} ${ruPlural(n, 'описанному методу', 'описанным методам', 'описанным методам')}.`,
  noUses: 'Он не нужен ни одному вызову, событию или точке встраивания этого приложения.',
  usesHeader: (n) => `Он нужен этому приложению в ${n} ${ruPlural(n, 'месте', 'местах', 'местах')}:`,
  moreUses: (n) => `… и ещё ${n} (панель «Скоупы приложения»)`,
  deprecatedScope: (r) => `⚠️ Устаревший скоуп${r ? ` — используйте ${code(r)}` : ''}.`,
  unknownMethodHover: (name) => `Метода **${name}** нет в документации REST Битрикс24.`,
  unknownBindingHover: (name, kind) =>
    kind === 'event' ? `События **${name}** нет в документации Битрикс24.` : `Точки встраивания **${name}** нет в документации Битрикс24.`,
  didYouMeanHover: (names) => 'Возможно, имелось в виду ' + names.map(code).join(', ') + '?',
  bindingKind: (kind) => (kind === 'event' ? 'событие' : 'точка встраивания'),
  dynamicName: (p) =>
    `Имя метода собирается во время выполнения: ${code(p)}.\n\nЕго скоуп проверить нельзя; перечислите методы, которые здесь возможны, в \`methods.extra\` манифеста.`,
  declaredIn: (label) => `✓ Объявлен в ${code(label)}`,
  notDeclaredIn: (label, what) => `✗ Не объявлен в ${code(label)}: добавьте ${what}`,
  oneOf: (codes) => `один из ${codes.map(code).join(', ')}`,
  editionsScopes: (en, ru) => `Редакции расходятся: в английской документации указан ${en}, в русской — ${ru}; проверка скоупов принимает любой.`,
  editionsDeprecated: (where) => `Редакции расходятся: устаревшим метод называет только ${where === 'en' ? 'английская' : 'русская'} документация.`,
  detailSuperseded: ' · развитие остановлено',
  detailDeprecated: ' · устарел',
  detailRequired: ' · обязательный',
  fields: 'Поля: ',
  scopeDetail: (r) => `скоуп ${r}`,
  didYouMean: (names) => (names.length ? ` Возможно, имелось в виду ${quoted(names)}?` : ''),
  useInstead: (r) => ` Используйте вместо него '${r}'.`,
  useWithEntityTypeId: (r, id) => ` Используйте вместо него '${r}' с entityTypeId: ${id}.`,
  replaceWith: (name) => `Заменить на '${name}'`,
  replaceCheckParams: (name) => `Заменить на '${name}' (проверьте параметры)`,
  replacePassEntityTypeId: (name, id, inserted) =>
    inserted ? `Заменить на '${name}' и передать entityTypeId: ${id} (имена полей там в camelCase)` : `Заменить на '${name}' (передайте entityTypeId: ${id})`,
  editionUsed: (edition, scopes) => `подходит и ${scopes} из ${edition === 'en' ? 'английской' : 'русской'} документации (редакции расходятся)`,
  use: (kind, name, start) => {
    if (kind === 'method') return start ? `Метод '${name}'` : `'${name}'`;
    const word = kind === 'event' ? 'событие' : 'точка встраивания';
    return `${start ? word[0].toUpperCase() + word.slice(1) : word} '${name}'`;
  },
  theManifest: 'манифест',
  needsScopes: (s) => `${s.length > 1 ? 'скоупы' : 'скоуп'} ${s.map((c) => `'${c}'`).join(' и ')}`,
  needsOneOf: (s) => `один из скоупов ${quoted(s)} (минимальные права — '${s[0]}')`,
  usesList: (shown, more) =>
    more > 0
      ? `${shown.join(', ')} и ещё ${more} ${ruPlural(more, 'место', 'места', 'мест')}`
      : shown.length > 1
        ? `${shown.slice(0, -1).join(', ')} и ${shown[shown.length - 1]}`
        : shown[0],
  anyWouldDo: (options, least) => ` Подойдёт любой из ${quoted(options)}; минимальные права — '${least}'.`,
  relatedNeeds: (use, s) => `${use} требует ${s.length > 1 ? `один из ${quoted(s)}` : `'${s[0]}'`}`,
  forbiddenUses: (uses, _count, declared) => [uses ? `он нужен: ${uses}` : '', declared ? 'манифест его объявляет' : ''].filter(Boolean).join(', и '),
  declaredHere: (c) => `'${c}' объявлен здесь`,
  otherEditionNames: (edition, scopes) => ` В ${edition === 'en' ? 'английской' : 'русской'} документации указан ${scopes} — он тоже подходит.`,
  basicNotAScope: "'basic' объявлять не нужно: методам с базовым доступом скоуп не требуется. Удалите его.",
  checkScopeList: ' Сверьте код со списком скоупов Битрикс24.',
  useCurrentReplacement: ' Используйте скоуп, который его заменил.',
  unusedWhy: (c) => (c ? `его единственному использованию, '${c.method}', уже достаточно '${c.by}'` : 'ни одному вызову в коде он не нужен'),
  unusedRule: (webhook) =>
    webhook ? 'вебхуку выдают только то, что он использует.' : 'модерация Маркета отклоняет приложения, которые запрашивают неиспользуемые скоупы.',
  mayBeUnused: (code, why, calls, pattern, at, json) =>
    `Скоуп '${code}', возможно, не нужен: ${why}, но ${calls > 1 ? `${calls} ${ruPlural(calls, 'вызов собирает', 'вызова собирают', 'вызовов собирают')}` : '1 вызов собирает'} имя метода во время выполнения ('${pattern}' в ${at}). ` +
    `Перечислите вызываемые там методы в ${json ? 'methods.extra' : 'methods.extra файла bitrix24.json'}, чтобы проверка была полной.`,
};

/** The texts of `locale` (English when undefined). */
export function texts(locale: Locale | undefined): Texts {
  return locale === 'ru' ? RU : EN;
}
