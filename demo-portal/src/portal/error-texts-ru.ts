/**
 * The Russian `error_description` of the errors the demo portal answers with,
 * as a portal whose language is Russian gives them. Codes never change with the
 * language; clients must match on them, never on this text.
 */

/** By the English description (one code can have several). */
const BY_TEXT: Record<string, string> = {
  'Access denied.': 'Доступ запрещён.',
  'The word bitrix cannot be used in the site address.': 'В адресе сайта нельзя использовать слово bitrix.',
  'This site address is already taken.': 'Этот адрес сайта уже занят.',
  'The site address may only contain a-z, 0-9, "-" and ".".': 'Адрес сайта может содержать только a-z, 0-9, «-» и «.».',
  'The codes parameter must be an array of access codes.': 'Параметр codes должен быть массивом кодов доступа.',
  'Max batch length exceeded': 'Превышена максимальная длина пакета',
  'Method is not allowed for batch usage': 'Метод нельзя вызывать в пакете (batch)',
  'Method not found!': 'Метод не найден!',
  'Internal server error': 'Внутренняя ошибка сервера',
  'Invalid request credentials': 'Неверные данные авторизации запроса',
  'The request path has a malformed %-escape.': 'В пути запроса неверная %-последовательность.',
  'Administrator rights or full access to Sites and Stores are required.': 'Нужны права администратора или полный доступ к разделу «Сайты и магазины».',
  'Only the portal administrator can switch the model from this section.': 'Переключить модель прав в этом разделе может только администратор портала.',
  'Wrong authorization data': 'Неверные данные авторизации',
  'Too many requests': 'Слишком много запросов',
  'The role does not belong to the requested section.': 'Роль не относится к запрошенному разделу.',
  'A slash is not allowed in the site address.': 'В адресе сайта нельзя использовать косую черту.',
  'The access token provided has expired.': 'Срок действия токена доступа истёк.',
  'The request requires higher privileges than provided by the webhook token': 'Запросу нужны более широкие права, чем даёт токен вебхука',
};

/**
 * The Russian description of an error; `english` when there is none (an injected
 * failure carries its own text, as a test gave it).
 */
export function russianDescription(code: string, english: string): string {
  const known = BY_TEXT[english];
  if (known) return known;
  const missing = /^Not enough call parameters, missing: (.*)$/.exec(english);
  if (code === 'MISSING_PARAMS' && missing) return `Недостаточно параметров вызова, не хватает: ${missing[1]}`;
  return english;
}
