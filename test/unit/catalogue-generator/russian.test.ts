import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { generate, type GenerateResult } from '../../../scripts/catalogue/build';
import { noOverrides } from '../../../scripts/catalogue/overrides';
import { serialiseRussian } from '../../../scripts/catalogue/serialise';
import { validateRussian } from '../../../server/src/catalogue/validate';
import type { MethodInfo } from '../../../server/src/catalogue/types';
import { disagreementsBlock } from '../../../scripts/catalogue/docs-report';

// The Russian pages of the fixture documentation (ru/): same paths as en/.
const root = join(__dirname, '..', '..', 'fixtures', 'catalogue-pages');

describe('catalogue generator: the Russian edition', () => {
  let r: GenerateResult;
  before(() => {
    r = generate(root, noOverrides());
  });
  const method = (name: string): MethodInfo => {
    const m = r.data.methods.find((x) => x.name === name && x.version === 2);
    assert.ok(m, `${name} missing`);
    return m;
  };

  it('records the Russian title and "Кто может выполнять метод" line of a method', () => {
    assert.deepEqual(r.russian.methods['garden.bed.add'], { title: 'Добавить грядку', who: 'любой пользователь' });
    assert.equal(r.russian.methods['garden.bed.get'], undefined, 'no Russian page, no Russian facts');
  });

  it('records the Russian title and "Кто может подписаться" of events, with the overview block and базовый as basic', () => {
    assert.deepEqual(r.russian.events.onHookFired, { title: 'Событие при срабатывании хука', who: 'любой пользователь' });
    assert.equal(r.russian.events.onHookAdded?.title, 'Событие onHookAdded');
    assert.equal(r.data.events.find((e) => e.name === 'onHookAdded')?.editions, undefined, 'basic in both editions');
  });

  it('records Russian placement titles and scope tools', () => {
    assert.deepEqual(r.russian.placements.GARDEN_BED_MENU, { title: 'Пункт контекстного меню' });
    assert.deepEqual(r.russian.placements['GARDEN_DYNAMIC_<id>_MENU'], { title: 'Пункт контекстного меню' });
    assert.equal(r.russian.scopes.orchard, 'Деревья');
  });

  it('records both editions where they name different scopes, and keeps the English requirement', () => {
    const m = method('garden.bed.add');
    assert.deepEqual(m.editions, { en: { requirement: { kind: 'scope', scope: 'garden' } }, ru: { requirement: { kind: 'scope', scope: 'orchard' } } });
    assert.deepEqual(m.requirement, { kind: 'scope', scope: 'garden' });
  });

  it('records both editions where only one says deprecated', () => {
    assert.deepEqual(method('garden.bed.remove').editions?.ru, { requirement: { kind: 'scope', scope: 'garden' }, deprecated: true });
    assert.equal(method('garden.bed.list').editions, undefined);
  });

  it('lists the disagreements with links to both sites for docs/catalogue.md', () => {
    const block = disagreementsBlock(r);
    assert.match(block, /^2 disagreements:/);
    assert.ok(
      block.includes(
        '| method `garden.bed.add` | `garden` | `orchard` | [en](https://apidocs.bitrix24.com/api-reference/garden/garden-bed-add.html) · [ru](https://apidocs.bitrix24.ru/api-reference/garden/garden-bed-add.html) |',
      ),
    );
    assert.ok(block.includes('| method `garden.bed.remove` | `garden` | `garden`, deprecated |'));
  });

  it('writes valid, reproducible catalogue.ru.json data', () => {
    assert.deepEqual(validateRussian(r.russian), []);
    assert.equal(serialiseRussian(generate(root, noOverrides()).russian), serialiseRussian(r.russian));
  });
});
