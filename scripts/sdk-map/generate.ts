/**
 * Writes server/src/analysis/b24phpsdk-map.json: which REST method each
 * typed service method of bitrix24/b24phpsdk calls, read from the SDK's own
 * declarations, so the analysis never guesses from PHP method names.
 *
 *   npx tsx scripts/sdk-map/generate.ts <sdk-checkout> [--commit <sha>] [--ref <tag>] [--out <file>]
 *
 * `<sdk-checkout>` is a source tree of the SDK (its `src/` folder inside);
 * `--commit`/`--ref` record where it came from (read from git when the tree
 * is a work tree). Run by hand when the SDK releases; CI only reads the
 * result. Only facts go into the table (accessor names, PHP method names,
 * REST method names), never the SDK's code.
 *
 * How a row is found, for each service class reached from ServiceBuilder's
 * `get<Scope>Scope()` accessors (and their nested builders):
 *   1. `#[ApiEndpointMetadata('crm.lead.add', …)]` on the method (the SDK's declaration), unless
 *      the body calls one other method literally (`$this->core->call('m'…)`, `$this->batch->…('m'…)`):
 *      then what it calls (the disagreements are printed for review);
 *   2. without the attribute, that literal in the body (batch services declare no attributes);
 *   3. otherwise a body that only delegates to a sibling (`countByFilter()` → `$this->list(…)`).
 * A service's `public Batch $batch` property gives the `->batch->` rows.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseCommandLine, UsageError } from '../../server/src/cli/args';

/** One PHP class as far as the table needs it. */
interface PhpClass {
  fqn: string;
  file: string;
  /** `use` aliases: last segment (or `as` name) → fully qualified name. */
  uses: Map<string, string>;
  namespace: string;
  extendsName?: string;
  methods: PhpMethod[];
  /** Promoted or declared public properties: name → type as written. */
  properties: Map<string, string>;
}

interface PhpMethod {
  name: string;
  returnType?: string;
  endpoint?: string;
  body: string;
}

/** A row of the table: `chain` of accessors from the service builder, the PHP method, the REST method. */
export interface SdkRow {
  chain: string[];
  php: string;
  rest: string;
  version: 2 | 3;
  /** attribute: ApiEndpointMetadata (agreeing with the body, if it names one); body: the literal the body calls; delegate: a sibling's. */
  from: 'attribute' | 'body' | 'delegate';
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : name.endsWith('.php') ? [p] : [];
  });
}

/** Removes comments (keeping strings), so commented-out code and docblocks do not count. */
function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|#(?!\[)[^\n]*|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, (m) => (m[0] === "'" || m[0] === '"' ? m : ' '));
}

/** The index after the block opened by the `{` at `open`. */
function blockEnd(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === "'" || c === '"') {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return src.length;
}

function parseClass(file: string): PhpClass | undefined {
  const src = stripComments(readFileSync(file, 'utf8'));
  const ns = /\bnamespace\s+([\w\\]+)\s*;/.exec(src)?.[1] ?? '';
  const cls = /\b(?:final\s+|abstract\s+|readonly\s+)*class\s+(\w+)(?:\s+extends\s+([\w\\]+))?/.exec(src);
  if (!cls) return undefined;
  const uses = new Map<string, string>();
  for (const u of src.matchAll(/^\s*use\s+([\w\\]+)(?:\s+as\s+(\w+))?\s*;/gm)) {
    uses.set(u[2] ?? u[1].split('\\').pop()!, u[1]);
  }
  const methods: PhpMethod[] = [];
  const properties = new Map<string, string>();
  const fn =
    /(#\[ApiEndpointMetadata\(\s*(['"])([^'"]+)\2[\s\S]*?\)\]\s*)?public\s+(?:static\s+)?function\s+(\w+)\s*\(([\s\S]*?)\)\s*(?::\s*\??([\w\\]+))?\s*\{/g;
  for (let m = fn.exec(src); m; m = fn.exec(src)) {
    const open = m.index + m[0].length - 1;
    const end = blockEnd(src, open);
    const name = m[4];
    if (name === '__construct') {
      for (const p of m[5].matchAll(/public\s+(?:readonly\s+)?([\w\\]+)\s+\$(\w+)/g)) properties.set(p[2], p[1]);
    } else {
      methods.push({ name, returnType: m[6], endpoint: m[3], body: src.slice(open, end) });
    }
    fn.lastIndex = end;
  }
  for (const p of src.matchAll(/public\s+(?:readonly\s+)?([\w\\]+)\s+\$(\w+)\s*[;=]/g)) properties.set(p[2], p[1]);
  return { fqn: ns ? `${ns}\\${cls[1]}` : cls[1], file, uses, namespace: ns, extendsName: cls[2], methods, properties };
}

/** PHP name resolution of a class name written in `c`. */
function resolve(c: PhpClass, name: string): string {
  if (name.startsWith('\\')) return name.slice(1);
  const [first, ...rest] = name.split('\\');
  const alias = c.uses.get(first);
  if (alias) return [alias, ...rest].join('\\');
  return c.namespace ? `${c.namespace}\\${name}` : name;
}

/** Attribute/body disagreements seen while generating (printed for review). */
const disagreements: string[] = [];

const METHOD_LITERAL = /^[a-z][a-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+$/;

/** The REST method of a service method, and how it was found. */
function restOf(c: PhpClass, m: PhpMethod, seen = new Set<string>()): { rest: string; from: SdkRow['from'] } | undefined {
  // What the body really calls wins over the attribute when they disagree (the SDK has a few copy-paste
  // slips, e.g. Deal::get declared as crm.deal.fields while it calls crm.deal.get); those are listed.
  const literals = new Set([...m.body.matchAll(/\$this->(?:core|batch)->\w+\(\s*(['"])([^'"]+)\1/g)].map((x) => x[2]).filter((x) => METHOD_LITERAL.test(x)));
  if (literals.size === 1) {
    const [called] = literals;
    if (m.endpoint && m.endpoint !== called) disagreements.push(`${c.fqn}::${m.name}: attribute ${m.endpoint}, calls ${called}`);
    return { rest: called, from: m.endpoint === called ? 'attribute' : 'body' };
  }
  if (m.endpoint) return { rest: m.endpoint, from: 'attribute' };
  // A body that only delegates to one sibling method of the same service.
  const calls = [...new Set([...m.body.matchAll(/\$this->(\w+)\(/g)].map((x) => x[1]))].filter((n) => n !== m.name);
  const siblings = calls.map((n) => c.methods.find((x) => x.name === n)).filter((x): x is PhpMethod => x !== undefined);
  if (siblings.length === 1 && !seen.has(siblings[0].name)) {
    seen.add(m.name);
    const r = restOf(c, siblings[0], seen);
    if (r) return { rest: r.rest, from: 'delegate' };
  }
  return undefined;
}

/** Rows of the service `c` reached by `chain`, its batch service's rows, and nested builders' rows. */
function rowsOf(classes: Map<string, PhpClass>, c: PhpClass, chain: string[], depth: number, out: SdkRow[]): void {
  for (const m of c.methods) {
    const r = restOf(c, m);
    if (r) out.push({ chain, php: m.name, rest: r.rest, version: 2, from: r.from });
  }
  const batchType = c.properties.get('batch');
  const batch = batchType ? classes.get(resolve(c, batchType)) : undefined;
  if (batch) {
    for (const m of batch.methods) {
      const r = restOf(batch, m);
      if (r) out.push({ chain: [...chain, '$batch'], php: m.name, rest: r.rest, version: 2, from: r.from });
    }
  }
  if (depth >= 4) return;
  // Accessors: public methods without a REST method returning another class of the SDK (a service or a nested builder).
  for (const m of c.methods) {
    if (!m.returnType || m.endpoint || (/^(get|is|has)[A-Z]/.test(m.name) && !/^get\w+Scope$/.test(m.name))) continue;
    const target = classes.get(resolve(c, m.returnType));
    if (!target || target === c || !/\\Services\\/.test(target.fqn)) continue;
    rowsOf(classes, target, [...chain, m.name], depth + 1, out);
  }
}

function gitInfo(dir: string): { commit?: string; ref?: string } {
  try {
    const commit = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const ref = execFileSync('git', ['-C', dir, 'describe', '--tags', '--exact-match'], { encoding: 'utf8' }).trim();
    return { commit, ref };
  } catch {
    return {};
  }
}

const USAGE = 'usage: npx tsx scripts/sdk-map/generate.ts <b24phpsdk checkout> [--commit <sha>] [--ref <tag>] [--out <file>]';

function main(): void {
  let parsed;
  try {
    parsed = parseCommandLine({
      args: process.argv.slice(2),
      options: { commit: { type: 'string' }, ref: { type: 'string' }, out: { type: 'string' } },
      allowPositionals: true,
    });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  const { values, positionals } = parsed;
  const [dir] = positionals;
  if (!dir || positionals.length > 1 || !existsSync(join(dir, 'src', 'Services', 'ServiceBuilder.php'))) {
    console.error(USAGE);
    console.error('The checkout must contain src/Services/ServiceBuilder.php.');
    process.exit(2);
  }
  const git = gitInfo(dir);
  const commit = values.commit ?? git.commit;
  const ref = values.ref ?? git.ref;
  if (!commit || !/^[0-9a-f]{40}$/.test(commit)) {
    console.error('The SDK commit is unknown: pass --commit <40-hex sha> (the tree is not a git work tree).');
    process.exit(2);
  }
  const classes = new Map<string, PhpClass>();
  for (const file of walk(join(dir, 'src'))) {
    const c = parseClass(file);
    if (c) classes.set(c.fqn, c);
  }
  const root = classes.get('Bitrix24\\SDK\\Services\\ServiceBuilder');
  if (!root) throw new Error('ServiceBuilder not found');
  const rows: SdkRow[] = [];
  for (const m of root.methods) {
    if (!/^get\w+Scope$/.test(m.name) || !m.returnType) continue;
    const builder = classes.get(resolve(root, m.returnType));
    if (builder) rowsOf(classes, builder, [m.name], 1, rows);
  }
  // One row per (chain, php method); the first found wins (a class reached twice gives the same rows).
  const table: Record<string, string> = {};
  const counts = { attribute: 0, body: 0, delegate: 0 };
  for (const r of rows) {
    const key = [...r.chain, r.php].join('.');
    if (key in table) continue;
    table[key] = r.rest;
    counts[r.from]++;
  }
  const sorted = Object.fromEntries(Object.entries(table).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const out = values.out ?? join(__dirname, '..', '..', 'server', 'src', 'analysis', 'b24phpsdk-map.json');
  const data = {
    $comment:
      'Generated by scripts/sdk-map/generate.ts from bitrix24/b24phpsdk (MIT). Keys: accessor chain from the service builder and the PHP method, dot-separated ($batch = the ->batch property); values: the REST method it calls. Do not edit by hand.',
    source: { repository: 'https://github.com/bitrix24/b24phpsdk', ref: ref ?? null, commit },
    /** The SDK release calls REST 2 (`/rest/<method>`) for every row. */
    version: 2,
    counts,
    methods: sorted,
  };
  writeFileSync(out, JSON.stringify(data, null, 1) + '\n');
  for (const d of [...new Set(disagreements)]) console.log(`  ${d}`);
  console.log(
    `${Object.keys(sorted).length} rows (${counts.attribute} from attributes, ${counts.body} from method bodies, ${counts.delegate} delegating) → ${relative(process.cwd(), out)}`,
  );
}

main();
