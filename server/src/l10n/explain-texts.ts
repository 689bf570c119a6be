/**
 * The words of the error explanations (the explain engine, its text form and
 * the hover on error-code strings) in English and Russian. One interface, two
 * objects: a text missing in one language does not compile. What each code
 * means is in explain/codes.ts (English) and error-codes-ru.ts (Russian).
 */
import type { ScopeRequirement } from '../catalogue/types';
import { formatRequirement } from '../catalogue/requirement';
import type { ErrorKind } from '../explain/codes';
import type { Locale } from './locale';

/** Why an input holds nothing to explain. */
export type ParseProblem = 'empty' | 'bad-json' | 'not-an-error' | 'no-error-field' | 'no-code';

export interface ExplainTexts {
  /** Hover: the title's tail after the code, the link, the closing hint. */
  hoverTitle: string;
  documentation: string;
  hoverHint: string;
  /** Facts. */
  portalSaid: (description: string) => string;
  field: (field: string, message: string) => string;
  notInCatalogue: (method: string) => string;
  methodFacts: (method: string, requirement: ScopeRequirement, who: string | undefined) => string;
  /** Scope errors. */
  passMethod: string;
  basicMethod: (method: string) => string;
  scopeMissing: (method: string, need: string[], choice: 'any' | 'all') => string;
  addToManifest: (scopes: string[], manifest: string) => string;
  declaredNotGranted: (manifest: string) => string;
  portalGrants: (granted: string[]) => string;
  grantedToConnected: string;
  reissueWebhook: (scopes: string[]) => string;
  reauthorizeApp: (scopes: string[]) => string;
  /** User rights. */
  userRights: (method: string) => string;
  notAdmin: string;
  runAsAdmin: string;
  connectedIsAdmin: string;
  /** Administrator confirmation. */
  confirmDocumented: (method: string) => string;
  confirmUndocumented: (method: string) => string;
  /** Authorization type. */
  appOnly: (method: string) => string;
  moveToApp: (manifest: string) => string;
  /** Tokens. */
  checkWebhook: string;
  /** Limits. */
  retryMethodAfter: (seconds: number) => string;
  retryDoubling: string;
  /** An unknown code, by what its HTTP status suggests. */
  unknownCode: Record<ErrorKind | 'unknown', (code: string) => string>;
  methodErrors: (url: string) => string;
  lookUpCode: string;
  retryLater: string;
  /** The text form. */
  batchCommand: (key: string) => string;
  fix: string;
  docs: (url: string) => string;
  methodPage: (url: string) => string;
  notShown: (count: number) => string;
  nothingToExplain: string;
  problems: Record<ParseProblem, string>;
}

const en = (xs: string[]) => xs.map((x) => `“${x}”`).join(', ');
const ru = (xs: string[]) => xs.map((x) => `«${x}»`).join(', ');

export const EXPLAIN_EN: ExplainTexts = {
  hoverTitle: 'Bitrix24 REST error',
  documentation: 'Documentation',
  hoverHint: '_Bitrix24: Explain Error… explains a whole error body with its method._',
  portalSaid: (d) => `The portal said: “${d}”.`,
  field: (field, message) => `Field ${field || '(unnamed)'}: ${message}`,
  notInCatalogue: (m) => `${m} is not in the method catalogue; check the name.`,
  methodFacts: (m, req, who) => `${m}: scope ${formatRequirement(req)}; who can execute: ${who || 'not documented'}.`,
  passMethod: 'Pass the method that failed (e.g. --method crm.lead.add) to learn which scope it needs.',
  basicMethod: (m) => `${m} needs no scope; an app-only method or a module switched off can also answer this way.`,
  scopeMissing: (m, need, choice) => `Scope missing: ${m} needs ${need.length > 1 ? `${choice === 'any' ? 'any one of' : 'all of'} ${en(need)}` : en(need)}.`,
  addToManifest: (scopes, manifest) => `Add ${en(scopes)} to "scopes" in ${manifest}.`,
  declaredNotGranted: (manifest) => `${manifest} declares it; the credentials the call used were not granted it.`,
  portalGrants: (granted) => `The connected portal grants: ${granted.join(', ') || 'no scopes'}.`,
  grantedToConnected: 'The connected portal grants it to the connected credentials: the failing call used other credentials.',
  reissueWebhook: (scopes) => `Webhook: re-issue the inbound webhook (Developer resources) with ${en(scopes)} ticked and call through its URL.`,
  reauthorizeApp: (scopes) => `App: add ${en(scopes)} to the app’s access permissions, then reinstall or re-authorize it so the token carries the scope.`,
  userRights: (m) => `User rights, not scope: the user behind the call may not run ${m}.`,
  notAdmin: 'The connected user is not a portal administrator.',
  runAsAdmin: 'Run it as a portal administrator: issue the webhook or authorize the app as an administrator.',
  connectedIsAdmin: 'The connected user is an administrator: the failing call used other credentials.',
  confirmDocumented: (m) => `${m} is documented as needing administrator confirmation.`,
  confirmUndocumented: (m) => `${m} is not in the documented list of methods that need confirmation; the portal asked for it anyway.`,
  appOnly: (m) => `${m} is documented as working only in the context of an application.`,
  moveToApp: (manifest) => `${manifest} describes a webhook integration: move this call into a local or Market app.`,
  checkWebhook: 'Webhook: check the URL still matches an existing inbound webhook (user id and code).',
  retryMethodAfter: (s) => `Retry this method after ${s} s (operating_reset_at).`,
  retryDoubling: 'Retry after about 1 s, doubling the pause on each further refusal.',
  unknownCode: {
    token: (c) => `${c} is not a code this project knows; with HTTP 401 the portal did not accept the credentials.`,
    'user-rights': (c) => `${c} is not a code this project knows; with HTTP 403 the call was refused for lack of rights or scope.`,
    'not-found': (c) => `${c} is not a code this project knows; with HTTP 404 the method or object was not found.`,
    limit: (c) => `${c} is not a code this project knows; with HTTP 429 a limit was hit.`,
    server: (c) => `${c} is not a code this project knows; the HTTP status says the portal failed.`,
    request: (c) => `${c} is not a code this project knows; the HTTP status says the request was rejected.`,
    scope: (c) => `${c} is not one of the documented common errors: it is probably specific to the method.`,
    confirmation: (c) => `${c} is not one of the documented common errors: it is probably specific to the method.`,
    'auth-type': (c) => `${c} is not one of the documented common errors: it is probably specific to the method.`,
    payment: (c) => `${c} is not one of the documented common errors: it is probably specific to the method.`,
    unknown: (c) => `${c} is not one of the documented common errors: it is probably specific to the method.`,
  },
  methodErrors: (url) => `See the error list on the method’s page: ${url}`,
  lookUpCode: 'Look the code up on the failing method’s page, in its error table.',
  retryLater: 'Retry later; if it persists, contact the portal administrator or Bitrix24 support.',
  batchCommand: (key) => `batch command “${key}”`,
  fix: 'Fix:',
  docs: (url) => `Docs: ${url}`,
  methodPage: (url) => `Method: ${url}`,
  notShown: (n) => `… ${n} more error(s) not shown; pass one batch entry at a time to see them.`,
  nothingToExplain: 'Nothing to explain.',
  problems: {
    empty: 'The input is empty: paste an error body, a batch result_error map or an error code.',
    'bad-json': 'The input looks like JSON but does not parse, and names no error code.',
    'not-an-error': 'Expected an error body, a batch result_error map or an error code.',
    'no-error-field': 'The JSON holds no `error` field and no batch `result_error` entries.',
    'no-code': 'No error code found. Paste the JSON body the portal returned, or the code itself (e.g. insufficient_scope).',
  },
};

const methodSpecificRu = (c: string) => `${c} — не из числа описанных общих ошибок: вероятно, это ошибка самого метода.`;

export const EXPLAIN_RU: ExplainTexts = {
  hoverTitle: 'ошибка REST Битрикс24',
  documentation: 'Документация',
  hoverHint: '_Команда «Битрикс24: Объяснить ошибку…» разбирает всё тело ошибки вместе с методом._',
  portalSaid: (d) => `Ответ портала: «${d}».`,
  field: (field, message) => `Поле ${field || '(без имени)'}: ${message}`,
  notInCatalogue: (m) => `Метода ${m} нет в каталоге методов; проверьте имя.`,
  methodFacts: (m, req, who) => `${m}: скоуп ${requirementRu(req)}; кто может выполнять метод: ${who || 'не указано в документации'}.`,
  passMethod: 'Укажите метод, который вернул ошибку (например, --method crm.lead.add), чтобы узнать, какой скоуп ему нужен.',
  basicMethod: (m) => `Методу ${m} скоуп не нужен; так же может ответить метод, доступный только приложению, или отключённый модуль.`,
  scopeMissing: (m, need, choice) =>
    `Не хватает скоупа: методу ${m} нужен ${need.length > 1 ? `${choice === 'any' ? 'любой из скоупов' : 'каждый из скоупов'} ${ru(need)}` : `скоуп ${ru(need)}`}.`,
  addToManifest: (scopes, manifest) => `Добавьте ${ru(scopes)} в "scopes" в ${manifest}.`,
  declaredNotGranted: (manifest) => `Скоуп объявлен в ${manifest}, но не выдан тем данным авторизации, с которыми сделан вызов.`,
  portalGrants: (granted) => `Подключённый портал выдаёт скоупы: ${granted.join(', ') || 'никакие'}.`,
  grantedToConnected: 'Подключённый портал выдаёт этот скоуп текущему подключению: вызов с ошибкой был сделан с другими данными авторизации.',
  reissueWebhook: (scopes) => `Вебхук: перевыпустите входящий вебхук (раздел «Разработчикам»), отметив ${ru(scopes)}, и вызывайте метод по его адресу.`,
  reauthorizeApp: (scopes) =>
    `Приложение: добавьте ${ru(scopes)} в права доступа приложения, затем переустановите его или авторизуйтесь заново, чтобы токен получил скоуп.`,
  userRights: (m) => `Дело в правах пользователя, а не в скоупе: пользователю, от имени которого сделан вызов, нельзя выполнять ${m}.`,
  notAdmin: 'Подключённый пользователь — не администратор портала.',
  runAsAdmin: 'Вызывайте метод от имени администратора портала: создайте вебхук или авторизуйте приложение под администратором.',
  connectedIsAdmin: 'Подключённый пользователь — администратор: вызов с ошибкой был сделан с другими данными авторизации.',
  confirmDocumented: (m) => `По документации ${m} требует подтверждения администратора.`,
  confirmUndocumented: (m) => `Метода ${m} нет в описанном списке методов, требующих подтверждения, но портал всё равно его запросил.`,
  appOnly: (m) => `По документации ${m} работает только в контексте приложения.`,
  moveToApp: (manifest) => `${manifest} описывает интеграцию через вебхук: перенесите этот вызов в локальное приложение или приложение для Маркета.`,
  checkWebhook: 'Вебхук: проверьте, что адрес соответствует существующему входящему вебхуку (ID пользователя и код).',
  retryMethodAfter: (s) => `Повторите вызов этого метода через ${s} с (operating_reset_at).`,
  retryDoubling: 'Повторите примерно через 1 с, удваивая паузу после каждого следующего отказа.',
  unknownCode: {
    token: (c) => `Код ${c} этому проекту неизвестен; при HTTP 401 портал не принял данные авторизации.`,
    'user-rights': (c) => `Код ${c} этому проекту неизвестен; при HTTP 403 вызов отклонён из-за нехватки прав или скоупа.`,
    'not-found': (c) => `Код ${c} этому проекту неизвестен; при HTTP 404 не найден метод или объект.`,
    limit: (c) => `Код ${c} этому проекту неизвестен; при HTTP 429 превышен лимит.`,
    server: (c) => `Код ${c} этому проекту неизвестен; судя по HTTP-статусу, на портале произошла ошибка.`,
    request: (c) => `Код ${c} этому проекту неизвестен; судя по HTTP-статусу, запрос отклонён.`,
    scope: methodSpecificRu,
    confirmation: methodSpecificRu,
    'auth-type': methodSpecificRu,
    payment: methodSpecificRu,
    unknown: methodSpecificRu,
  },
  methodErrors: (url) => `Список ошибок есть на странице метода: ${url}`,
  lookUpCode: 'Найдите код в таблице ошибок на странице метода, который его вернул.',
  retryLater: 'Повторите позже; если ошибка не проходит, обратитесь к администратору портала или в техническую поддержку Битрикс24.',
  batchCommand: (key) => `команда batch «${key}»`,
  fix: 'Что сделать:',
  docs: (url) => `Документация: ${url}`,
  methodPage: (url) => `Метод: ${url}`,
  notShown: (n) => `… ещё не показано ошибок: ${n}; передавайте по одной записи batch, чтобы увидеть их.`,
  nothingToExplain: 'Объяснять нечего.',
  problems: {
    empty: 'Пустой ввод: вставьте тело ошибки, карту result_error из ответа batch или код ошибки.',
    'bad-json': 'Ввод похож на JSON, но не разбирается и не называет кода ошибки.',
    'not-an-error': 'Ожидалось тело ошибки, карта result_error из ответа batch или код ошибки.',
    'no-error-field': 'В JSON нет ни поля `error`, ни записей `result_error` из ответа batch.',
    'no-code': 'Код ошибки не найден. Вставьте JSON, который вернул портал, или сам код (например, insufficient_scope).',
  },
};

function requirementRu(req: ScopeRequirement): string {
  switch (req.kind) {
    case 'basic':
      return 'не нужен (базовый доступ)';
    case 'unknown':
      return 'не указан в документации';
    default:
      return formatRequirement(req);
  }
}

/** The explanations' words in `locale` (English when undefined). */
export function explainTexts(locale: Locale | undefined): ExplainTexts {
  return locale === 'ru' ? EXPLAIN_RU : EXPLAIN_EN;
}
