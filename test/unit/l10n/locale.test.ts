import assert from 'node:assert/strict';
import { localeFromEnv, parseLocale, resolveLocale } from '../../../server/src/l10n/locale';

describe('locale', () => {
  it('reads language tags as editors and shells write them', () => {
    for (const tag of ['ru', 'RU', 'ru-RU', 'ru_RU.UTF-8', 'ru_UA@euro']) assert.equal(parseLocale(tag), 'ru', tag);
    for (const tag of ['en', 'en-US', 'en_GB.UTF-8']) assert.equal(parseLocale(tag), 'en', tag);
    for (const tag of ['auto', '', 'C', 'POSIX', 'de-DE', undefined, 7]) assert.equal(parseLocale(tag), undefined, String(tag));
  });

  it('initializationOptions.locale wins, then the setting unless auto, then the editor; English otherwise', () => {
    assert.equal(resolveLocale({ option: 'ru', setting: 'en', client: 'en' }), 'ru');
    assert.equal(resolveLocale({ setting: 'ru', client: 'en' }), 'ru');
    assert.equal(resolveLocale({ setting: 'en', client: 'ru' }), 'en');
    assert.equal(resolveLocale({ setting: 'auto', client: 'ru-RU' }), 'ru');
    assert.equal(resolveLocale({ setting: 'auto', client: 'de' }), 'en');
    assert.equal(resolveLocale({}), 'en');
  });

  it('takes a command-line default from LC_ALL, LC_MESSAGES, LANG in that order', () => {
    assert.equal(localeFromEnv({ LANG: 'ru_RU.UTF-8' }), 'ru');
    assert.equal(localeFromEnv({ LC_ALL: 'C', LANG: 'ru_RU.UTF-8' }), 'en', 'LC_ALL set wins, even to C');
    assert.equal(localeFromEnv({ LC_ALL: '', LC_MESSAGES: 'ru_RU', LANG: 'en_US' }), 'ru', 'an empty LC_ALL is unset');
    assert.equal(localeFromEnv({}), 'en');
  });
});
