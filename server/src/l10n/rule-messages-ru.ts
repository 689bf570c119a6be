/**
 * The rule registry's messages in Russian, with the same `{placeholders}` as
 * the English ones in rules.ts. Typed by rule code, so a new rule without a
 * Russian message does not compile. Terms follow the Russian documentation:
 * скоуп, точка встраивания, вебхук, приложение, «Кто может выполнять метод».
 */
import type { RuleCode } from '../rules';

export const RULE_MESSAGES_RU: Record<RuleCode, string> = {
  'unknown-method': "Метода '{name}' нет в документации REST Битрикс24.{hint}",
  'deprecated-method': "Метод '{name}' устарел.{instead}",
  'superseded-method': "Метод '{name}' работает, но его развитие остановлено.{instead}",
  'rest-version-mismatch': "Метод '{name}' описан только для REST {documented}, а здесь вызывается как REST {called}.",
  'unknown-event': "События '{name}' нет в документации Битрикс24.{hint}",
  'unknown-placement': "Точки встраивания '{name}' нет в документации Битрикс24.{hint}",
  'missing-scope': "В {manifest} не объявлен скоуп '{scope}', а он нужен: {uses}. Добавьте его в scopes.",
  'missing-scope-call': '{what} требует {needs}, но {manifest} этого не объявляет (см. проблему missing-scope в манифесте).',
  'unused-scope': "Скоуп '{scope}' объявлен, но {why}. Удалите его: {rule}",
  'forbidden-scope':
    "Скоуп '{scope}' запрещён в {manifest}, но {uses}. Уберите эти вызовы или исключите '{scope}' из \"forbidden\", если приложению он разрешён.",
  'scope-added': "Это изменение добавляет скоуп '{scope}': он нужен {uses}, а в базовом манифесте ({baseline}) его не было.",
  'unknown-scope': "'{scope}' — не скоуп Битрикс24.{hint}",
  'deprecated-scope': "Скоуп '{scope}' устарел.{instead}",
  'duplicate-scope': "Скоуп '{scope}' объявлен несколько раз; удалите этот.",
  'unknown-extra-method': "Метод '{name}' из methods.extra неизвестен. Исправьте имя или опишите метод в methods.custom вместе со скоупом, который ему нужен.",
  'admin-confirmation':
    "Метод '{name}' требует подтверждения администратора: первый вызов вернёт METHOD_CONFIRM_WAITING, пока администратор портала его не разрешит. Обработайте эту ошибку и событие OnAppMethodConfirm.",
  'admin-only': "Выполнять '{name}' может только администратор: вызывайте метод с авторизацией администратора.",
  'app-only-in-webhook':
    'Метод \'{name}\' работает только в контексте приложения, а этот манифест описывает вебхук (kind "webhook"). Для этого вызова нужно локальное приложение или приложение для Маркета.',
  'manifest-invalid-json': '{detail} Исправьте JSON, чтобы скоупы можно было прочитать.',
  'manifest-invalid-value': '{detail}',
  'manifest-unknown-key': 'Неизвестный ключ "{key}".{hint}',
  'manifest-secret': 'Адрес портала содержит код вебхука или токен. Оставьте только адрес, а секрет храните вне репозитория.',
  'manifest-duplicate-key': '"{key}" встречается ниже ещё раз; учитывается только последний. Объедините их.',
  'unreadable-file':
    'Не удалось прочитать {what} ({reason}); REST-вызовы в нём не проверены. Откройте доступ на чтение или исключите его из проверки (настройка bitrix24.scan.exclude или --exclude в командной строке).',
  'invalid-ignore-pattern': '"{pattern}" — непригодный шаблон ({reason}): строка ничего не скрывает, и файлы, которые она должна была скрыть, проверяются.',
  'too-many-problems':
    'Ещё {hidden} проблем(ы) в этом файле не показаны: выводятся только первые {max}. Исправьте или подавите часть, чтобы увидеть остальные.',
  'document-too-large':
    'Размер файла — {size}; REST-вызовы в файлах больше {limit} не проверяются (минифицированный бандл или сгенерированный файл лучше исключить).',
  'portal-missing-scope': 'Портал {host}: у {holder} нет {what}, а это нужно для {name}, — {fix}.',
  'portal-not-admin': "Портал {host}: '{name}' требует администратора портала, а вы подключены как пользователь без этих прав.",
  'portal-method-unavailable': "На портале {host} есть '{name}', но {holder} не может его вызвать: не хватает скоупа — {fix}.",
  'portal-unknown-method': "На портале {host} нет метода '{name}'. Проверьте имя и установлен ли модуль, в котором он есть.",
};
