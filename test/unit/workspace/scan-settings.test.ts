/** What the scan leaves out, from settings, and the notice that says so. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { leftOutNotice, scanExclude } from '../../../server/src/workspace/scan-settings';
import { DEFAULT_SCAN_EXCLUDE } from '../../../server/src/workspace/workspace-walk';
import { capDiagnostics } from '../../../server/src/publish-limits';

describe('scan exclusions from settings', () => {
  it('the setting documented in package.json has the defaults the index uses', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.configuration.properties['bitrix24.scan.exclude'].default, DEFAULT_SCAN_EXCLUDE);
  });

  it('uses bitrix24.scan.exclude (or its defaults) plus files.exclude globs set to true', () => {
    assert.deepEqual(scanExclude({}), [...DEFAULT_SCAN_EXCLUDE]);
    assert.deepEqual(
      scanExclude({ scanExclude: ['upload', 42, ''], filesExclude: { '**/.idea': true, '**/*.log': false, '**/*.map': { when: '$(basename).ts' } } }),
      ['upload', '**/.idea'],
    );
  });

  it('tells the user what was left out and how to check it; dependency folders alone are only logged', () => {
    const notice = leftOutNotice({ excluded: ['bitrix', 'node_modules', 'upload'], links: ['shared'] }, []);
    assert.match(notice!.show!, /left out bitrix\/, upload\/\. To check a folder, remove its pattern from the "bitrix24\.scan\.exclude" setting/);
    assert.match(notice!.show!, /Symbolic links are not followed \(shared\/\)/);
    assert.match(notice!.log, /node_modules/);
    const quiet = leftOutNotice({ excluded: ['node_modules', 'packages/a/vendor'], links: [] }, []);
    assert.equal(quiet?.show, undefined);
    assert.equal(leftOutNotice({ excluded: [], links: [] }, []), undefined);
  });
});

describe('publish limits', () => {
  it('caps 130,000 diagnostics at 1,000 plus a summary, most severe first, without overflowing the stack', () => {
    const all = Array.from({ length: 130_000 }, (_, i) => ({
      range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
      severity: (i === 129_999 ? 1 : 2) as 1 | 2,
      message: `m${i}`,
    }));
    const capped = capDiagnostics(all);
    assert.equal(capped.length, 1001);
    assert.ok(
      capped.some((d) => d.message === 'm129999'),
      'the one error is kept',
    );
    assert.match(capped[1000].message, /^129,000 more problem\(s\)/);
  });
});
