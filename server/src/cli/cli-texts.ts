/**
 * The words of `bitrix24-scopes` text output in English and Russian (`--lang`).
 * JSON and SARIF keys stay English; rule codes, severities (`file:line:col error code
 * message`, which problem matchers read), scope codes and method names are never translated.
 */
import type { Locale } from '../l10n/locale';
import { ruPlural } from '../l10n/texts';

export interface CliTexts {
  // describe
  scope: string;
  who: string;
  deprecated: (replacement?: string) => string;
  appOnly: string;
  confirmation: string;
  custom: string;
  parameters: string;
  noParameters: string;
  docs: string;
  notDocumented: string;
  editions: (en: string, ru: string) => string;
  // check
  needs: (manifest: string, scopes: string[]) => string;
  summary: (c: { errors: number; warnings: number; hints: number; manifests: number; files: number }) => string;
  // needed
  scopesNeeded: (scopes: string[]) => string;
  uses: (scope: string, n: number) => string;
  more: (n: number) => string;
  choices: string;
  choice: (scope: string, among: string, why: string) => string;
  undecided: (n: number) => string;
  // scan
  builtAtRunTime: string;
  scanSummary: (calls: number, dynamic: number) => string;
}

const EN: CliTexts = {
  scope: '  scope:        ',
  who: '  who:          ',
  deprecated: (r) => `  deprecated:   yes${r ? `, use ${r}` : ''}`,
  appOnly: '  app only:     works only from an application, not a webhook',
  confirmation: '  confirmation: the administrator must confirm the call',
  custom: '  custom:       declared by the app, not documented',
  parameters: '  parameters (* required):',
  noParameters: '  parameters:   none documented',
  docs: '  docs:         ',
  notDocumented: 'not documented',
  editions: (en, ru) => `  editions:     the English documentation names ${en}, the Russian ${ru}; either is accepted`,
  needs: (m, s) => `${m} needs: ${s.length ? s.join(', ') : 'no scope'}`,
  summary: (c) => `${c.errors} error(s), ${c.warnings} warning(s), ${c.hints} hint(s); ${c.manifests} manifest(s), ${c.files} file(s) checked`,
  scopesNeeded: (s) => (s.length ? `Scopes the code needs: ${s.join(', ')}` : 'The code needs no scope.'),
  uses: (scope, n) => `${scope} (${n} use${n === 1 ? '' : 's'})`,
  more: (n) => `  … and ${n} more (--format json lists all)`,
  choices: 'Choices among alternatives:',
  choice: (scope, among, why) => `  ${scope} of ${among}: ${why}`,
  undecided: (n) => `Not decided (${n}):`,
  builtAtRunTime: '(name built at run time)',
  scanSummary: (calls, dynamic) => `${calls} call(s), ${dynamic} built at run time`,
};

const RU: CliTexts = {
  scope: '  скоуп:        ',
  who: '  кто может выполнять метод: ',
  deprecated: (r) => `  устарел:      да${r ? `, используйте ${r}` : ''}`,
  appOnly: '  только приложение: работает только из приложения, не через вебхук',
  confirmation: '  подтверждение: вызов должен подтвердить администратор',
  custom: '  свой метод:   объявлен приложением, в документации его нет',
  parameters: '  параметры (* обязательный):',
  noParameters: '  параметры:    в документации не указаны',
  docs: '  документация: ',
  notDocumented: 'не указано в документации',
  editions: (en, ru) => `  редакции:     в английской документации указан ${en}, в русской — ${ru}; подходит любой`,
  needs: (m, s) => `${m} нужны скоупы: ${s.length ? s.join(', ') : 'нет'}`,
  summary: (c) =>
    `ошибок: ${c.errors}, предупреждений: ${c.warnings}, подсказок: ${c.hints}; ` +
    `${c.manifests} ${ruPlural(c.manifests, 'манифест', 'манифеста', 'манифестов')}, проверено ${c.files} ${ruPlural(c.files, 'файл', 'файла', 'файлов')}`,
  scopesNeeded: (s) => (s.length ? `Скоупы, которые нужны коду: ${s.join(', ')}` : 'Коду не нужен ни один скоуп.'),
  uses: (scope, n) => `${scope} (${n} ${ruPlural(n, 'использование', 'использования', 'использований')})`,
  more: (n) => `  … и ещё ${n} (--format json выводит все)`,
  choices: 'Выбор из альтернатив:',
  choice: (scope, among, why) => `  ${scope} из ${among}: ${why}`,
  undecided: (n) => `Не определено (${n}):`,
  builtAtRunTime: '(имя собирается во время выполнения)',
  scanSummary: (calls, dynamic) => `${calls} ${ruPlural(calls, 'вызов', 'вызова', 'вызовов')}, из них с именем, собираемым во время выполнения: ${dynamic}`,
};

/** The CLI's words in `locale`. */
export function cliTexts(locale: Locale | undefined): CliTexts {
  return locale === 'ru' ? RU : EN;
}
