import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { generate, type GenerateResult } from '../../../scripts/catalogue/build';
import { noOverrides } from '../../../scripts/catalogue/overrides';
import { placementTitle, tableCodes, templateCode } from '../../../scripts/catalogue/placements';
import { validateCatalogue } from '../../../server/src/catalogue/validate';
import type { EventInfo, PlacementInfo } from '../../../server/src/catalogue/types';

// Event and widget pages of the fixture documentation (orchard/events,
// hooks/events, widgets/garden): each shows one shape the real pages have.
const root = join(__dirname, '..', '..', 'fixtures', 'catalogue-pages');
const url = (path: string) => `https://apidocs.bitrix24.com/api-reference/${path}.html`;

describe('catalogue generator: events and placements', () => {
  let r: GenerateResult;
  before(() => {
    const o = noOverrides();
    o.combinations.push({ scopes: ['garden', 'garden_brief'], kind: 'anyOf', reason: 'fixture: versions of garden' });
    r = generate(root, o);
  });
  const event = (name: string): EventInfo => {
    const e = r.data.events.find((x) => x.name === name);
    assert.ok(e, `${name} missing`);
    return e;
  };
  const placement = (code: string): PlacementInfo => {
    const p = r.data.placements.find((x) => x.code === code);
    assert.ok(p, `${code} missing`);
    return p;
  };

  it('produces valid data', () => {
    assert.deepEqual(validateCatalogue(r.data), []);
  });

  it("gives an event page without a Scope block its overview's inline block and who-can-subscribe line", () => {
    assert.deepEqual(event('onOrchardTreeFall'), {
      name: 'onOrchardTreeFall',
      requirement: { kind: 'scope', scope: 'orchard' },
      who: 'any gardener',
      url: url('orchard/events/on-orchard-tree-fall'),
      title: 'Event on tree fall',
    });
  });

  it('applies a per-event qualifier of the overview Scope line to that event only', () => {
    assert.deepEqual(event('onHookFired').requirement, { kind: 'scope', scope: 'hooks' });
    assert.deepEqual(event('onHookAdded').requirement, { kind: 'basic' });
  });

  it('takes one event per section of an event-formats page, linked by anchor', () => {
    assert.equal(event('ONORCHARDV2PICK').url, `${url('orchard/events/formats')}#onorchardv2pick`);
    assert.deepEqual(event('ONORCHARDV2DROP').requirement, { kind: 'scope', scope: 'orchard' });
  });

  it('reports event-directory pages that document no event', () => {
    assert.deepEqual(
      r.report.eventPages.notEvents.map((p) => p.path),
      ['api-reference/orchard/events/about'],
    );
    assert.equal(r.report.eventPages.kinds.event, 5);
  });

  it('reads concrete codes from the Placement Code table, never from an error table', () => {
    const codes = r.data.placements.map((p) => p.code);
    assert.ok(codes.includes('GARDEN_BED_MENU') && codes.includes('GARDEN_TREE_MENU'));
    assert.ok(!codes.includes('ERROR_GARDEN_CLOSED'));
  });

  it('needs every scope of the page header (placement + garden)', () => {
    assert.deepEqual(placement('GARDEN_BED_MENU').requirement, { kind: 'allOf', scopes: ['placement', 'garden'] });
    assert.equal(placement('GARDEN_BED_MENU').url, url('widgets/garden/bed-menu'));
    assert.equal(placement('GARDEN_BED_MENU').title, 'Context Menu Item');
  });

  it('turns a DYNAMIC_XXX code into an <id> template and leaves the heading family form out', () => {
    assert.equal(placement('GARDEN_DYNAMIC_<id>_MENU').template, true);
    assert.ok(!r.data.placements.some((p) => p.code === 'GARDEN_XXX_MENU'));
  });

  it('takes the code from the heading of a page without a table, and marks an archived one deprecated', () => {
    assert.deepEqual(placement('GARDEN_BED_TAB').requirement, { kind: 'allOf', scopes: ['placement', 'garden'] });
    assert.equal(placement('GARDEN_OLD_TAB').deprecated, true);
    assert.equal(placement('GARDEN_BED_TAB').deprecated, undefined);
  });

  it('gives a placement a method creates the requirement of that method', () => {
    assert.deepEqual(placement('GARDEN_FIELD').requirement, r.data.methods.find((m) => m.name === 'garden.bed.add')?.requirement);
  });

  it('checks the placement catalogue page: family forms resolve, a code no page gives is reported', () => {
    assert.ok(r.report.problems.includes('placement GARDEN_LOST_TAB is listed in widgets/placements.md but no placement page gives it'));
    assert.ok(!r.report.problems.some((p) => p.includes('GARDEN_XXX_MENU')));
  });

  it('parses codes, templates and titles', () => {
    assert.deepEqual(templateCode('CRM_DYNAMIC_XXX_DETAIL_TAB'), { code: 'CRM_DYNAMIC_<id>_DETAIL_TAB', template: true });
    assert.deepEqual(templateCode('CRM_DEAL_DETAIL_TAB'), { code: 'CRM_DEAL_DETAIL_TAB', template: false });
    assert.deepEqual(tableCodes(['|| **Placement Code** | **Where** ||', '|| `A_B` | x ||', '|| [C_D](./c.md) | y ||', '|#', '|| `E_F` | z ||']), [
      'A_B',
      'C_D',
    ]);
    assert.equal(placementTitle('Button Above the Timeline of the A_X, A_DYNAMIC_X Card', ['A_X', 'A_DYNAMIC_X']), 'Button Above the Timeline of the Card');
    assert.equal(placementTitle('Widget for the IM_X', ['IM_X']), 'Widget');
  });
});
