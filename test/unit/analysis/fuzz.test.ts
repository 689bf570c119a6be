import { strict as assert } from 'node:assert';
import { analyse, completionContextAt } from '../../../server/src/analysis/analyse';
import type { LanguageFamily } from '../../../server/src/analysis/types';
import { names } from './helpers';
import { seededRandom as random } from '../../../scripts/lib/seeded-random';

const FAMILIES: LanguageFamily[] = ['js', 'php', 'python', 'go', 'java', 'csharp', 'shell', 'http', 'markdown', 'plain'];

/** Seeds with every construct the lexers know, to mutate. */
const SEEDS = [
  "BX24.callMethod('crm.lead.add', { fields: { TITLE: `t${x}` } }); // c\n/* b */ const r = /a[/]b/g;",
  "<?php $x = CRest::call(\"crm.{$e}.list\", ['a' => <<<EOT\nhi $y\nEOT\n]); # c ?><script>BX24.callBatch({a: ['user.get', {}]})</script>",
  "x = f'{a}crm.lead.get.json' + r'''raw\\''' # c\nclient.crm.deal.get(id=1)\n",
  'res, err := c.Call(ctx, "crm.deal.list", b24.Params{"a": `raw`})\n',
  'var s = $@"{a}{{ \\"crm.lead.add\\" }}"; var r = """\n"x"\n"""; #region x\n',
  "BX24.callMethod('event.bind', {event: 'ONCRMDEALADD'}); $b24.callBatch({p: 'placement.bind?PLACEMENT=LEFT_MENU&H=1'})",
  'curl -d \'{"cmd": {"a": "crm.lead.get?id=1"}}\' "$H/crm.deal.get.json" <<EOF\n{}\nEOF\n',
  '### r\nPOST https://{{h}}/rest/1/{{t}}/crm.lead.add.json\nA: b\n\n{"x": "y"}\n',
  '# t\n```js\nBX24.callMethod("profile")\n```\n<!-- bitrix24-disable-next-line -->\n~~~php\nCRest::call("scope");\n',
  '<template><a @click="f(\'crm.lead.add\')">{{ t("x") }}</a></template><script>BX24.callMethod("user.current")</script>',
];

const ALPHABET = '\'"`{}[]()$#/\\*<>?:=.,;+-@%\n\t rest/crm.lead.add{{}}<?php?>```<!---->EOF';

function mutate(seed: string, rnd: () => number): string {
  let s = seed;
  const n = 1 + Math.floor(rnd() * 8);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const op = rnd();
    if (op < 0.4) s = s.slice(0, at) + ALPHABET[Math.floor(rnd() * ALPHABET.length)] + s.slice(at);
    else if (op < 0.7) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 5));
    else if (op < 0.85)
      s = s.slice(0, at); // truncate: unterminated everything
    else s = s.slice(0, at) + s.slice(Math.floor(rnd() * s.length));
  }
  return s;
}

function junk(rnd: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(rnd() < 0.7 ? 32 + Math.floor(rnd() * 95) : Math.floor(rnd() * 0x3000));
  return s;
}

/** Checks the invariants every analysis must keep. */
function check(text: string, family: LanguageFamily): void {
  const a = analyse(text, family, names);
  for (const r of a.references) {
    assert.ok(r.start >= 0 && r.start <= r.end && r.end <= text.length, `reference range in ${family}`);
    // Unknown names are reported only in a REST call's, batch's or URL's method slot (so the editor can flag them).
    assert.ok(
      names.has(r.name) || (r.context !== 'literal' && r.context !== 'constant' && /^[a-z][a-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/.test(r.name)),
      `reported name is a method: ${r.name}`,
    );
    if (r.paramsRange) assert.ok(r.paramsRange.start >= 0 && r.paramsRange.end <= text.length && r.paramsRange.start < r.paramsRange.end);
  }
  for (const b of a.bindings) {
    assert.ok(b.start >= 0 && b.start < b.end && b.end <= text.length, `binding range in ${family}`);
    // A binding's name is the text it covers, except the placements a method creates without naming them.
    if (b.via !== 'userfieldtype.add' && b.via !== 'imconnector.register') assert.equal(text.slice(b.start, b.end), b.name);
  }
  for (const u of a.unresolved) assert.ok(u.start >= 0 && u.start <= u.end && u.end <= text.length && u.pattern.includes('*'));
}

describe('analysis: fuzz', function () {
  this.timeout(60000);

  it('keeps its invariants on 3,000 mutated inputs in every family', () => {
    const rnd = random(424242);
    for (let n = 0; n < 3000; n++) {
      const text = mutate(SEEDS[n % SEEDS.length], rnd);
      const family = FAMILIES[Math.floor(rnd() * FAMILIES.length)];
      check(text, family);
      if (n % 10 === 0) completionContextAt(text, family, Math.floor(rnd() * (text.length + 1)));
    }
  });

  it('survives random junk, including binary and lone surrogates', () => {
    const rnd = random(7);
    for (let n = 0; n < 300; n++) {
      const text = junk(rnd, 1 + Math.floor(rnd() * 2000));
      for (const family of FAMILIES) check(text, family);
    }
  });

  it('stays linear on a 10 MB single line and on deep nesting', () => {
    const line = "BX24.callMethod('crm.lead.add', {a: [1, 'x', `y${z}`]}); ".repeat(Math.ceil(10e6 / 56)).slice(0, 10e6);
    for (const family of ['js', 'php', 'shell', 'markdown'] as LanguageFamily[]) {
      const started = process.hrtime.bigint();
      check(family === 'php' ? '<?php ' + line : line, family);
      // Generous: a quadratic pass over 10 MB would take hours, not seconds.
      assert.ok(Number(process.hrtime.bigint() - started) / 1e9 < 20, `${family} 10 MB line`);
    }
    const deep = '('.repeat(200000) + "'crm.lead.add'" + '{['.repeat(100000) + "BX24.callMethod('user.get', {";
    for (const family of FAMILIES) check(deep, family);
  });

  it('stays linear where per-item work could add up: constants, markers, nested calls', () => {
    const inputs: [LanguageFamily, string][] = [
      ['js', Array.from({ length: 100000 }, (_, i) => `const A${i} = 'crm.lead.add';`).join('\n')],
      ['js', '/* ' + 'bitrix24-disable-next-line x\n'.repeat(50000) + '*/'],
      ['js', "BX24.callMethod('crm.lead.add', ".repeat(50000)],
      ['python', "b.call('crm.' + x + ".repeat(50000)],
      ['php', '<?php ' + '$sb->getCRMScope()->lead()->get('.repeat(30000)],
      // Event names held in variables: every registration waits for its name's definitions, found in one pass.
      ['js', Array.from({ length: 30000 }, (_, i) => `const E${i} = 'ONCRMLEADADD'; BX24.callMethod('event.bind', { event: E${i} });`).join('\n')],
      ['php', '<?php ' + Array.from({ length: 30000 }, (_, i) => `foreach ($l${i} as $e) CRest::call('event.bind', ['EVENT' => $e]);`).join('\n')],
    ];
    for (const [family, text] of inputs) {
      const started = process.hrtime.bigint();
      check(text, family);
      assert.ok(Number(process.hrtime.bigint() - started) / 1e9 < 20, `${family}: ${text.slice(0, 30)}`);
    }
  });

  it('ends unterminated strings, comments, templates and heredocs at the end of input', () => {
    const cases: [LanguageFamily, string][] = [
      ['js', "BX24.callMethod('crm.lead.add', `open ${x"],
      ['js', "/* never closed BX24.callMethod('crm.lead.get')"],
      ['php', "<?php $a = <<<EOT\nno end CRest::call('crm.lead.add')"],
      ['python', "x = '''open\nb.call('crm.lead.add')"],
      ['shell', 'cat <<EOF\ncurl https://x/rest/1/c/crm.lead.add'],
      ['csharp', 'var s = @"open\n"crm.lead.add"'],
      ['markdown', "```js\nBX24.callMethod('user.current')"],
    ];
    for (const [family, text] of cases) check(text, family);
    // The unclosed markdown fence still runs to the end and is analysed.
    assert.equal(analyse(cases[6][1], 'markdown', names).references.length, 1);
    // An unterminated block comment hides what follows.
    assert.equal(analyse(cases[1][1], 'js', names).references.length, 0);
  });
});
