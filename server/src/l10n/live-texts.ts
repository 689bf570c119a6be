/**
 * The words of the live checks (what the connected portal grants) in English
 * and Russian: diagnostics `portal-*` and the portal lines of the hover.
 */
import type { Locale } from './locale';

type Auth = 'oauth' | 'webhook';
/** A shortfall: `any` of `codes` would do, or `codes` are all lacking. */
type Lack = { any: boolean; codes: string[] };

export interface LiveTexts {
  missing: (host: string, auth: Auth, lack: Lack, user: string) => string;
  manifestScope: (host: string, auth: Auth, code: string) => string;
  notAdmin: (host: string, name: string) => string;
  unknownMethod: (host: string, name: string) => string;
  unavailable: (host: string, auth: Auth, name: string) => string;
  /** Who needs it: a method, or `the event 'x'`. */
  user: (kind: 'method' | 'event' | 'placement', name: string) => string;
  head: (host: string) => string;
  checked: (ms: number) => string;
  noSuchMethod: string;
  callable: string;
  notCallable: string;
  youAreAdmin: string;
  needsAdmin: string;
  noScope: string;
  undocumented: (granted: string) => string;
  granted: (codes: string) => string;
  noneGranted: (codes: string) => string;
  notGranted: (codes: string) => string;
  none: string;
}

const q = (c: string) => `'${c}'`;
const minutes = (ms: number) => Math.floor(Math.max(0, ms) / 60_000);

const EN: LiveTexts = {
  missing: (host, auth, lack, user) => {
    const holder = auth === 'oauth' ? 'this app' : 'this webhook';
    const what = lack.any
      ? `every scope that allows it (${lack.codes.map(q).join(', ')})`
      : lack.codes.length === 1
        ? `the ${q(lack.codes[0])} scope`
        : `the ${lack.codes.map(q).join(' and ')} scopes`;
    const which = lack.any ? 'one of them' : lack.codes.length === 1 ? 'that scope' : 'those scopes';
    return `Portal ${host}: ${holder} lacks ${what}, needed by ${user} — ${reissueEn(auth, which)}.`;
  },
  manifestScope: (host, auth, code) =>
    `Portal ${host}: ${auth === 'oauth' ? 'this app' : 'this webhook'} lacks the '${code}' scope, which this manifest declares — ${reissueEn(auth, 'that scope')}.`,
  notAdmin: (host, name) => `Portal ${host}: '${name}' needs a portal administrator, and you are connected as a user who is not one.`,
  unknownMethod: (host, name) => `Portal ${host} has no method '${name}'. Check the name, or whether the module providing it is installed.`,
  unavailable: (host, auth, name) =>
    `Portal ${host} has '${name}', but ${auth === 'oauth' ? 'this app' : 'this webhook'} may not call it: a scope is missing — ${reissueEn(auth, 'the scope it needs')}.`,
  user: (kind, name) => (kind === 'method' ? `'${name}'` : `the ${kind} '${name}'`),
  head: (host) => `Portal ${host}:`,
  checked: (ms) => `(checked ${minutes(ms) < 1 ? 'just now' : `${minutes(ms)} min ago`})`,
  noSuchMethod: 'no such method ✗',
  callable: 'method exists and may be called ✓',
  notCallable: 'method exists, but not with the granted scopes ✗',
  youAreAdmin: 'you are an administrator ✓',
  needsAdmin: 'needs an administrator, and you are not one ✗',
  noScope: 'no scope needed ✓',
  undocumented: (granted) => `the method's scope is not documented; granted: ${granted}`,
  granted: (codes) => `${codes} granted ✓`,
  noneGranted: (codes) => `none of ${codes} granted ✗`,
  notGranted: (codes) => `${codes} not granted ✗`,
  none: 'none',
};

function reissueEn(auth: Auth, which: string): string {
  return auth === 'oauth' ? `add ${which} to the app's permissions and reinstall it` : `re-issue the webhook with ${which}`;
}

function reissueRu(auth: Auth, which: string): string {
  return auth === 'oauth' ? `добавьте ${which} в права приложения и переустановите его` : `перевыпустите вебхук, отметив ${which}`;
}

const RU: LiveTexts = {
  missing: (host, auth, lack, user) => {
    const holder = auth === 'oauth' ? 'этого приложения' : 'этого вебхука';
    const what = lack.any
      ? `ни одного из скоупов, которые его разрешают (${lack.codes.map(q).join(', ')})`
      : lack.codes.length === 1
        ? `скоупа ${q(lack.codes[0])}`
        : `скоупов ${lack.codes.map(q).join(' и ')}`;
    const which = lack.any ? 'один из них' : lack.codes.length === 1 ? 'этот скоуп' : 'эти скоупы';
    return `Портал ${host}: у ${holder} нет ${what} — это нужно для ${user}; ${reissueRu(auth, which)}.`;
  },
  manifestScope: (host, auth, code) =>
    `Портал ${host}: у ${auth === 'oauth' ? 'этого приложения' : 'этого вебхука'} нет скоупа '${code}', который объявляет этот манифест; ${reissueRu(auth, 'этот скоуп')}.`,
  notAdmin: (host, name) => `Портал ${host}: '${name}' требует администратора портала, а вы подключены как пользователь без этих прав.`,
  unknownMethod: (host, name) => `На портале ${host} нет метода '${name}'. Проверьте имя и установлен ли модуль, в котором он есть.`,
  unavailable: (host, auth, name) =>
    `На портале ${host} есть '${name}', но ${auth === 'oauth' ? 'это приложение' : 'этот вебхук'} не может его вызвать: не хватает скоупа; ${reissueRu(auth, 'нужный ему скоуп')}.`,
  user: (kind, name) => (kind === 'method' ? `'${name}'` : `${kind === 'event' ? 'события' : 'точки встраивания'} '${name}'`),
  head: (host) => `Портал ${host}:`,
  checked: (ms) => `(проверено ${minutes(ms) < 1 ? 'только что' : `${minutes(ms)} мин назад`})`,
  noSuchMethod: 'такого метода нет ✗',
  callable: 'метод есть, его можно вызвать ✓',
  notCallable: 'метод есть, но не с выданными скоупами ✗',
  youAreAdmin: 'вы администратор ✓',
  needsAdmin: 'нужен администратор, а вы им не являетесь ✗',
  noScope: 'скоуп не нужен ✓',
  undocumented: (granted) => `скоуп метода не указан в документации; выданы: ${granted}`,
  granted: (codes) => `выдано: ${codes} ✓`,
  noneGranted: (codes) => `не выдан ни один из ${codes} ✗`,
  notGranted: (codes) => `не выдано: ${codes} ✗`,
  none: 'никакие',
};

/** The live checks' words in `locale`. */
export function liveTexts(locale: Locale | undefined): LiveTexts {
  return locale === 'ru' ? RU : EN;
}
