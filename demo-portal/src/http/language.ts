/**
 * The language a REST request is answered in. A portal localises its
 * `error_description`s (codes stay the same) into its own language; the demo
 * portal's is English unless started with `language: 'ru'` (`--lang ru`). A
 * request overrides it with a `lang=ru|en` parameter (query or body) or,
 * without one, with `Accept-Language` naming Russian or English.
 */
import { russianDescription } from '../portal/error-texts-ru';

export type AnswerLanguage = 'en' | 'ru';

/** `lang` (when `en` or `ru`) wins; else the preferred of `en` / `ru` in `Accept-Language`; else the portal's own. */
export function requestLanguage(acceptLanguage: string | undefined, lang: unknown, portal: AnswerLanguage = 'en'): AnswerLanguage {
  if (lang === 'ru' || lang === 'en') return lang;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((r) => /^\s*q=([\d.]+)\s*$/.exec(r)?.[1]).find((v) => v !== undefined);
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((l) => (l.lang === 'ru' || l.lang === 'en') && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0] ? (ranked[0].lang as AnswerLanguage) : portal;
}

/** `{ error, error_description }` in `language`. */
export function localisedError<T extends { error: string; error_description: string }>(body: T, language: AnswerLanguage): T {
  return language === 'ru' ? { ...body, error_description: russianDescription(body.error, body.error_description) } : body;
}
