import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { methodKind } from '../../../client/src/portal/method-kind';
import { requireDocs } from '../../support/requirements';

// The per-method spec shipped with the official docs marks each method as a read or a write.
const SPEC = join('ru-simulator-spec', '_assets', 'simulator', 'spec', 'methods');

describe('portal method read/write classification', () => {
  it('treats get/list/fields/search methods and the identity calls as reads', () => {
    for (const m of [
      'crm.lead.get',
      'crm.lead.list',
      'crm.lead.fields',
      'landing.site.getList',
      'sale.order.getFields',
      'user.search',
      'user.current',
      'profile',
      'scope',
      'server.time',
      'app.info',
    ]) {
      assert.equal(methodKind(m), 'read', m);
    }
  });

  it('treats everything else as a write, including look-alikes', () => {
    for (const m of [
      'crm.lead.add',
      'crm.lead.update',
      'crm.lead.delete',
      'landing.site.setRights',
      'landing.site.getRights2',
      'crm.getter',
      'im.message.add',
      'batch',
      'vendor.custom.frobnicate',
      '',
    ]) {
      assert.equal(methodKind(m), 'write', m);
    }
  });

  // methodKind decides which calls may be retried: a write wrongly called a read could be repeated.
  it('classifies every method the documentation marks as a read as a read', function () {
    const SPEC_DIR = join(requireDocs(this, SPEC), SPEC);
    const missed: string[] = [];
    let reads = 0;
    for (const file of readdirSync(SPEC_DIR)) {
      const spec = JSON.parse(readFileSync(join(SPEC_DIR, file), 'utf8')) as { method?: string; kind?: string };
      if (spec.kind !== 'read' || !spec.method) continue;
      reads += 1;
      if (methodKind(spec.method) !== 'read') missed.push(spec.method);
    }
    assert.ok(reads > 100, `expected the spec to list reads, found ${reads}`);
    assert.deepEqual(missed, []);
  });

  it('never classifies a documented add/update/delete/set method as a read', function () {
    const SPEC_DIR = join(requireDocs(this, SPEC), SPEC);
    const wrong = readdirSync(SPEC_DIR)
      .map((f) => f.replace(/\.json$/, ''))
      .filter((m) => /\.(add|update|delete|set\w*)$/i.test(m) && methodKind(m) === 'read');
    assert.deepEqual(wrong, []);
  });
});
