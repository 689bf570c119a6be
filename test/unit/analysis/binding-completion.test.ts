/** Placement codes and event names offered where a registration call takes them, from the real catalogue. */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completionContextAt } from '../../../server/src/analysis/analyse';
import type { LanguageFamily } from '../../../server/src/analysis/types';
import { Catalogue } from '../../../server/src/catalogue/catalogue';
import { complete } from '../../../server/src/features/completion';
import { cursor } from './helpers';

function labels(marked: string, family: LanguageFamily): string[] {
  const { text, offset } = cursor(marked);
  const td = TextDocument.create('file:///app/x', family, 1, text);
  return complete(completionContextAt(text, family, offset), td, { catalogue: Catalogue.load(), settings: { enable: true, rules: {} } }).items.map(
    (i) => i.label,
  );
}

describe('analysis: completion of placement codes and event names', () => {
  it('offers documented placement codes in PLACEMENT of placement.bind', () => {
    const items = labels("BX24.callMethod('placement.bind', { PLACEMENT: 'CRM_DEAL_DET|', HANDLER: url });", 'js');
    assert.ok(items.includes('CRM_DEAL_DETAIL_TAB'), items.join(', '));
    assert.ok(
      items.every((c) => c.startsWith('CRM_DEAL_DET')),
      items.join(', '),
    );
  });

  it('offers event names in the event key of a CRest event.bind', () => {
    const items = labels("<?php CRest::call('event.bind', ['event' => 'ONCRMDEALA|']);", 'php');
    assert.ok(
      items.some((e) => e.toUpperCase() === 'ONCRMDEALADD'),
      items.join(', '),
    );
  });
});
