/**
 * Call-site analysis throughput against ripgrep. Generates a 50 MB
 * multi-language tree into .bench/analysis-tree (git-ignored; reused when
 * present), then measures
 *   - the analysis: read every file and analyse it (one thread);
 *   - ripgrep: `rg -j1 -c -F -f names.txt` over the same tree, searching for
 *     the same catalogue names (fixed strings, one thread);
 * and prints MB/s for both and their ratio. Target: ≥ 1/3 of ripgrep.
 * The analysis is measured as it ships: bundled by esbuild (as scripts/build.mjs
 * does), not through tsx's per-file transform. Times are CPU seconds.
 *
 * Also times completionContextAt (run on every keystroke) on a 2,000-line
 * file, with the cursor in a method slot near the end.
 *
 *   npx tsx scripts/bench/analysis.ts [--regenerate] [--mb N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { seededRandom as random } from '../lib/seeded-random';

const TARGET_RATIO = 1 / 3;
const RUNS = 7;
const PLAIN_SHARE = 0.75;
const root = join(__dirname, '..', '..');
const tree = join(root, '.bench', 'analysis-tree');
const namesFile = join(root, '.bench', 'analysis-names.txt');
const mbArg = process.argv.indexOf('--mb');
const totalBytes = (mbArg > 0 ? Number(process.argv[mbArg + 1]) : 50) * 1e6;

function catalogueNames(): string[] {
  const data = JSON.parse(readFileSync(join(root, 'server/src/catalogue/catalogue.json'), 'utf8')) as { methods: { name: string }[] };
  return [...new Set(data.methods.map((m) => m.name))];
}

type Chunk = (m: string, rnd: () => number, i: number) => string;

/** Per-extension building blocks: REST calls, look-alikes, comments and plain code. */
const CHUNKS: Record<string, Chunk[]> = {
  js: [
    (m) => `  const r${0} = await BX24.callMethod('${m}', { filter: { ID: id }, select: ['ID', 'TITLE'] });\n`,
    (m) => `  // ${m} is called from the worker, not here\n  const label = t('${m.split('.')[0]}.title');\n`,
    (m) => `  await $b24.callBatch({ a: ['${m}', { id }], b: { method: 'user.current', params: {} } });\n`,
    (m) => `  const url = \`\${hook}/${m}.json\`;\n  /* legacy: BX24.callMethod('${m}') */\n`,
    () => `  const tab = 'profile';\n  router.push({ name: 'profile', query: { page: 2 } });\n`,
  ],
  php: [
    (m) => `    $result = CRest::call('${m}', ['filter' => ['ID' => $id], 'select' => ['ID']]);\n`,
    (m) => `    # ${m} needs the crm scope\n    $msg = Loc::getMessage('APP_${m.length}_TITLE');\n`,
    (m) => `    $batch = CRest::callBatch(['a' => ['method' => '${m}', 'params' => ['id' => 1]]]);\n`,
    (m) => `    $html = "<div class=\\"row\\">{$row['ID']}</div>";\n    $url = C_REST_WEB_HOOK_URL . '${m}.json';\n`,
  ],
  py: [
    (m) => `    result = b.call("${m}", {"filter": {"ID": item_id}})\n`,
    (m) => `    # ${m} is rate limited\n    text = _("${m.split('.')[0]} title")\n`,
    (m) => `    r = requests.post(f"{WEBHOOK}${m}.json", json={"select": ["ID"]})\n`,
  ],
  go: [
    (m) => `\tres, err := client.Core().Call(ctx, "${m}", b24.Params{"id": id})\n\tif err != nil {\n\t\treturn fmt.Errorf("${m}: %w", err)\n\t}\n`,
    (m) => `\t// ${m} returns at most 50 rows\n\tquery := \`SELECT id FROM deals WHERE stage = 'won'\`\n`,
  ],
  java: [
    (m) => `        Object r = client.call("${m}", Map.of("id", id));\n`,
    (m) => `        // ${m} is deprecated upstream\n        String label = messages.get("${m.split('.')[0]}.label");\n`,
  ],
  cs: [
    (m) => `            var r = await _client.CallAsync("${m}", new { id });\n`,
    (m) => `            // ${m}: see the docs\n            var path = @"C:\\data\\${m.length}.txt";\n`,
  ],
  sh: [(m) => `curl -s -X POST "$HOOK/${m}.json" -d '{"filter": {"ID": 1}}'\n`],
  http: [(m) => `### ${m}\nPOST https://{{host}}/rest/{{user}}/{{token}}/${m}.json\nContent-Type: application/json\n\n{"filter": {"ID": 1}}\n\n`],
  md: [(m) => `Call \`${m}\` to load the rows; it needs the right scope.\n\n\`\`\`js\nBX24.callMethod('${m}', { id: 1 });\n\`\`\`\n\n`],
};

/** Ordinary code of each extension: most of a real app. */
const PLAIN: Record<string, Chunk[]> = {
  js: [
    (_m, _r, i) =>
      `export function handler${i}(items, opts = {}) {\n  const out = [];\n  for (let k = 0; k < items.length; k++) {\n    if (items[k].value / 2 > opts.limit) out.push({ id: items[k].id, name: \`item-\${k}\` });\n  }\n  return out.filter((x) => /^item-\\d+$/.test(x.name));\n}\n`,
    (_m, _r, i) =>
      `const config${i} = {\n  theme: 'app.settings.theme',\n  locale: navigator.language || 'en',\n  retries: ${i % 5},\n  onError(err) {\n    console.error('request failed', err && err.message);\n  },\n};\n`,
    (_m, _r, i) =>
      `class Store${i} {\n  constructor() {\n    this.items = new Map();\n  }\n  set(key, value) {\n    this.items.set(String(key), { value, at: Date.now() });\n    return this;\n  }\n}\n`,
  ],
  php: [
    (_m, _r, i) =>
      `    public function step${i}(array $rows): array\n    {\n        $out = [];\n        foreach ($rows as $k => $row) {\n            $out[] = sprintf("%s: %d", $row['NAME'], $k * 2);\n        }\n        return array_filter($out);\n    }\n`,
    (_m, _r, i) =>
      `    private function render${i}(array $item): string\n    {\n        // escape everything that reaches the page\n        return '<li data-id="' . (int)$item['ID'] . '">' . htmlspecialchars($item['TITLE']) . '</li>';\n    }\n`,
  ],
  py: [
    (_m, _r, i) =>
      `def transform_${i}(rows, limit=10):\n    out = []\n    for k, row in enumerate(rows):\n        if row.get("value", 0) // 2 > limit:\n            out.append(f"{row['id']}-{k}")\n    return out\n\n`,
    (_m, _r, i) =>
      `class Settings${i}:\n    """Application settings loaded from the environment."""\n\n    def __init__(self, env):\n        self.theme = env.get("APP_THEME", "light")\n        self.retries = int(env.get("APP_RETRIES", "3"))\n\n`,
  ],
  go: [
    (_m, _r, i) =>
      `func step${i}(items []Item) []string {\n\tout := make([]string, 0, len(items))\n\tfor k, it := range items {\n\t\tout = append(out, fmt.Sprintf("%d:%s", k, it.Name))\n\t}\n\treturn out\n}\n\n`,
    (_m, _r, i) => `type Item${i} struct {\n\tID    int    \`json:"ID"\`\n\tTitle string \`json:"TITLE"\`\n}\n\n`,
  ],
  java: [
    (_m, _r, i) =>
      `    private List<String> step${i}(List<Item> items) {\n        List<String> out = new ArrayList<>();\n        for (int k = 0; k < items.size(); k++) out.add(items.get(k).name + ":" + k);\n        return out;\n    }\n`,
  ],
  cs: [
    (_m, _r, i) =>
      `        private IEnumerable<string> Step${i}(IList<Item> items)\n        {\n            for (var k = 0; k < items.Count; k++) yield return $"{items[k].Name}:{k}";\n        }\n`,
  ],
  sh: [() => `for f in *.csv; do\n  wc -l "$f" | awk '{print $1}'\ndone\n`],
  http: [() => `### health check\nGET https://{{host}}/status\nAccept: application/json\n\n`],
  md: [() => `Some prose about the app, its settings and how the profile tab works.\nMore prose with numbers 1, 2, 3 and a [link](https://example.com).\n\n`],
};

const WRAP: Record<string, [string, string]> = {
  js: ['import { ref } from "vue";\n\nexport async function main(id, hook) {\n', '}\n'],
  php: ['<?php\n\nfinal class Handler\n{\n    public function run(int $id): void\n    {\n', '    }\n}\n'],
  py: ['import requests\n\n\ndef main(b, item_id, WEBHOOK):\n', '    return None\n'],
  go: ['package app\n\nfunc Run(ctx context.Context, client *b24.Client, id int) error {\n', '\treturn nil\n}\n'],
  java: ['package app;\n\npublic final class Runner {\n    public void run(int id) {\n', '    }\n}\n'],
  cs: ['namespace App\n{\n    public sealed class Runner\n    {\n        public async Task Run(int id)\n        {\n', '        }\n    }\n}\n'],
  sh: ['#!/usr/bin/env bash\nset -euo pipefail\n', ''],
  http: ['@host = portal.bitrix24.com\n\n', ''],
  md: ['# App notes\n\n', ''],
};

const EXTENSIONS: [string, number][] = [
  ['js', 5],
  ['php', 3],
  ['py', 2],
  ['go', 1],
  ['java', 1],
  ['cs', 1],
  ['sh', 1],
  ['http', 1],
  ['md', 1],
];

function generate(names: string[]): void {
  rmSync(tree, { recursive: true, force: true });
  const rnd = random(20240821);
  const weighted = EXTENSIONS.flatMap(([ext, w]) => Array<string>(w).fill(ext));
  let written = 0;
  for (let n = 0; written < totalBytes; n++) {
    const ext = weighted[n % weighted.length];
    const [head, tail] = WRAP[ext];
    const size = 8000 + Math.floor(rnd() * 40000);
    let body = head;
    for (let i = 0; body.length < size; i++) {
      // About a quarter REST calls and look-alikes, the rest ordinary code.
      const chunks = rnd() < PLAIN_SHARE ? PLAIN[ext] : CHUNKS[ext];
      body += chunks[Math.floor(rnd() * chunks.length)](names[Math.floor(rnd() * names.length)], rnd, i);
    }
    body += tail;
    const dir = join(tree, `pkg${n % 40}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `file${n}.${ext}`), body);
    written += body.length;
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? listFiles(p) : [p];
    });
}

/** User + system CPU seconds of one `rg -j1 -c -F -f names.txt` over the tree, or undefined without rg. */
function rgCpuSeconds(): number | undefined {
  const cmd = `TIMEFORMAT='%U %S'; time rg -j1 -c -F -f '${namesFile}' '${tree}' > /dev/null`;
  const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8' });
  const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  if (r.status !== 0 && r.status !== 1) return undefined;
  if (!m || /not found/.test(r.stderr)) return undefined;
  return Number(m[1]) + Number(m[2]);
}

type AnalysisModule = typeof import('../../server/src/analysis/analyse');

/** The analysis bundled the way the language server is (production options). */
function loadBundled(): AnalysisModule {
  const outfile = join(root, '.bench', 'analysis.cjs');
  mkdirSync(join(root, '.bench'), { recursive: true });
  buildSync({
    entryPoints: [join(root, 'server/src/analysis/analyse.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    logLevel: 'warning',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(outfile) as AnalysisModule;
}

/** Median cost of completionContextAt on a 2,000-line file built from the tree's JS and PHP. */
function completionCost(mod: AnalysisModule, files: string[]): void {
  for (const ext of ['.js', '.php']) {
    const source = files.filter((f) => f.endsWith(ext)).map((f) => readFileSync(f, 'utf8'));
    let lines: string[] = [];
    for (const text of source) {
      lines = lines.concat(text.split('\n'));
      if (lines.length >= 2000) break;
    }
    const call = ext === '.js' ? "BX24.callMethod('crm.le" : "CRest::call('crm.le";
    const text = lines.slice(0, 1990).join('\n') + `\n  ${call}\n` + lines.slice(1990, 2000).join('\n');
    const offset = text.indexOf(call) + call.length;
    const family = ext === '.js' ? 'js' : 'php';
    const times: number[] = [];
    for (let n = 0; n < 200; n++) {
      const t0 = process.hrtime.bigint();
      const slot = mod.completionContextAt(text, family, offset);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (slot?.kind !== 'method') throw new Error('completion benchmark: the cursor is not in a method slot');
    }
    times.sort((a, b) => a - b);
    const kb = (text.length / 1024).toFixed(0);
    console.log(`completionContextAt, 2,000-line ${family} file (${kb} KB): median ${times[100].toFixed(2)} ms, p95 ${times[190].toFixed(2)} ms`);
  }
}

function main(): void {
  const mod = loadBundled();
  const { analyse, createMethodNames, familyOf } = mod;
  const names = catalogueNames();
  if (process.argv.includes('--regenerate') || !existsSync(tree)) generate(names);
  writeFileSync(namesFile, names.join('\n') + '\n');
  const files = listFiles(tree);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  const mb = bytes / 1e6;
  const methodNames = createMethodNames(names);

  // CPU time, not wall time: the machine may be shared, and both sides are single-threaded.
  // The two sides alternate and each keeps its best run, so both see the same conditions.
  let best = Infinity;
  let rgBest = Infinity;
  let rgOk = rgCpuSeconds() !== undefined; // also warms the page cache
  let refs = 0;
  for (let run = 0; run < RUNS; run++) {
    refs = 0;
    const t0 = process.cpuUsage();
    for (const f of files) {
      const family = familyOf('', f)!;
      refs += analyse(readFileSync(f, 'utf8'), family, methodNames).references.length;
    }
    const used = process.cpuUsage(t0);
    best = Math.min(best, (used.user + used.system) / 1e6);
    const seconds = rgOk ? rgCpuSeconds() : undefined;
    if (seconds === undefined) rgOk = false;
    else rgBest = Math.min(rgBest, seconds);
  }
  const ours = mb / best;

  console.log(
    `tree: ${files.length} files, ${mb.toFixed(1)} MB; ${names.length} method names; ${refs} references found (one per ${(bytes / refs / 1024).toFixed(1)} KB)`,
  );
  console.log(`analysis (read + analyse, 1 thread): ${best.toFixed(2)} s CPU, ${ours.toFixed(1)} MB/s`);
  completionCost(mod, files);
  if (!rgOk) {
    console.log('ripgrep (rg) not available: install it (Debian: apt-get install ripgrep) to get the ratio.');
    return;
  }
  const theirs = mb / rgBest;
  const ratio = ours / theirs;
  console.log(`ripgrep -j1 -c -F -f names.txt:      ${rgBest.toFixed(2)} s CPU, ${theirs.toFixed(1)} MB/s`);
  console.log(`ratio: ${ratio.toFixed(2)} of ripgrep (target ≥ ${TARGET_RATIO.toFixed(2)}) ${ratio >= TARGET_RATIO ? 'ok' : 'BELOW TARGET'}`);
}

main();
