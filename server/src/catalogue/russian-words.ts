/**
 * Russian words for catalogue search: a light stemmer (so «сделка», «сделки»,
 * «сделку» are one word) and the Russian words for the English words method
 * names are built of (`crm.deal.add` is «сделка» + «добавить»), taken from
 * the Russian documentation's own titles («Создать новую сделку», «Получить
 * список сделок»). Small and pure; nothing here is loaded unless a query has
 * Cyrillic letters.
 */

/** True when `s` has a Cyrillic letter. */
export function hasCyrillic(s: string): boolean {
  return /[\u0400-\u04ff]/.test(s);
}

/** Endings removed by `stem`, longest first. */
const ENDINGS = [
  'иями',
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ать',
  'ять',
  'ить',
  'еть',
  'уть',
  'ться',
  'тся',
  'ешь',
  'ишь',
  'ите',
  'ете',
  'ует',
  'ют',
  'ут',
  'ат',
  'ят',
  'ет',
  'ит',
  'ов',
  'ев',
  'ей',
  'ий',
  'ый',
  'ой',
  'ая',
  'яя',
  'ое',
  'ее',
  'ие',
  'ые',
  'ых',
  'их',
  'ах',
  'ях',
  'ам',
  'ям',
  'ом',
  'ем',
  'ую',
  'юю',
  'а',
  'я',
  'о',
  'е',
  'ы',
  'и',
  'у',
  'ю',
  'ь',
  'й',
].sort((a, b) => b.length - a.length);

/** Lower case, `ё` read as `е`, one common ending removed (the stem keeps at least three letters). */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  for (const end of ENDINGS) if (w.endsWith(end) && w.length - end.length >= 3) return w.slice(0, -end.length);
  return w;
}

/**
 * Stems of Russian words and the English name words they stand for. Verbs follow the titles
 * of the Russian edition: «Создать …» and «Добавить …» are `add`, «Получить список …» is
 * `list`, «Изменить» / «Обновить» are `update`.
 */
const NAME_WORDS: Record<string, string[]> = {
  добав: ['add'],
  созд: ['add', 'create'],
  нов: ['add'],
  получ: ['get', 'list'],
  спис: ['list'],
  найт: ['search', 'list'],
  поиск: ['search'],
  измен: ['update', 'edit'],
  обнов: ['update'],
  удал: ['delete', 'remove'],
  пол: ['fields', 'field'],
  настрой: ['settings', 'config'],
  сделк: ['deal'],
  лид: ['lead'],
  контакт: ['contact'],
  компан: ['company'],
  предложен: ['quote'],
  счет: ['invoice'],
  элемент: ['item'],
  товар: ['product', 'productrows'],
  каталог: ['catalog'],
  заказ: ['order'],
  оплат: ['payment'],
  доставк: ['delivery'],
  корзин: ['basket'],
  задач: ['task'],
  комментар: ['comment', 'commentitem'],
  чеклист: ['checklist'],
  пользовател: ['user'],
  сотрудник: ['user'],
  подразделен: ['department'],
  отдел: ['department'],
  чат: ['chat'],
  сообщен: ['message'],
  уведомлен: ['notify'],
  бот: ['bot', 'imbot'],
  файл: ['file'],
  папк: ['folder'],
  диск: ['disk', 'storage'],
  хранилищ: ['storage', 'entity'],
  календар: ['calendar'],
  событ: ['event'],
  обработчик: ['handler', 'bind'],
  звонк: ['call'],
  звон: ['call'],
  телефон: ['telephony', 'voximplant'],
  сайт: ['landing', 'site'],
  страниц: ['page', 'landing'],
  блок: ['block'],
  робот: ['robot'],
  бизнес: ['bizproc'],
  процесс: ['workflow', 'bizproc'],
  шаблон: ['template'],
  статус: ['status'],
  стади: ['stage', 'status'],
  воронк: ['category'],
  направлен: ['category'],
  валют: ['currency'],
  реквизит: ['requisite'],
  адрес: ['address'],
  дел: ['activity'],
  активност: ['activity'],
  лент: ['log'],
  групп: ['group', 'sonet'],
  лини: ['openlines', 'imopenlines'],
  встраиван: ['placement'],
  виджет: ['placement'],
  приложен: ['app'],
  скоуп: ['scope'],
  прав: ['rights', 'access'],
};

/**
 * Whether the Russian query word `word` names a word of the name (`parts`; which one is
 * returned) or a word of the Russian title; undefined when neither. Word forms meet through
 * their stems, and a stem typed in part (`сдел`) matches the longer one.
 */
export function russianWordMatch(word: string, parts: readonly string[], titleRu: string): { part: string } | 'title' | undefined {
  const s = stem(word);
  // The same stem, or one typed in part (`сдел` → `сделк`), or a longer form of a stem of four letters or more (`звонок` → `звон`).
  const near = (a: string, b: string) => a === b || (a.length >= 3 && b.startsWith(a)) || (b.length >= 4 && a.startsWith(b));
  for (const [russian, english] of Object.entries(NAME_WORDS)) {
    const part = near(s, russian) ? english.find((e) => parts.includes(e)) : undefined;
    if (part) return { part };
  }
  if (!titleRu) return undefined;
  for (const w of titleRu
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\u0400-\u04ffa-z0-9]+/)) {
    if (w && near(s, stem(w))) return 'title';
  }
  return undefined;
}
