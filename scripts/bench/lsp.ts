/**
 * Language-server benchmark over the real protocol (stdio): start to first
 * answer, hover and completion latency (p50/p99 over many requests on a
 * realistic 2,000-line file), and the server's resident memory.
 *   npx tsx scripts/bench/lsp.ts [--requests 1000] [--locale ru]
 * `--locale ru` starts the editor in Russian: the first hover then also reads the Russian facts.
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { startServer, open } from '../../test/server/lsp-client';

const REQUESTS = Number(process.argv[process.argv.indexOf('--requests') + 1]) || 1000;
const LOCALE = process.argv.includes('--locale') ? process.argv[process.argv.indexOf('--locale') + 1] : undefined;
const TARGETS = { hoverP99: 5, completionP99: 20, startMs: 300, rssMb: 100 };

/** A 2,000-line JS module in the style of a real integration: REST calls among ordinary code. */
function realisticFile(): { text: string; hoverAt: { line: number; character: number }[]; completeAt: { line: number; character: number }[] } {
  const methods = [
    'crm.lead.add',
    'crm.deal.list',
    'user.current',
    'tasks.task.add',
    'landing.site.getList',
    'crm.contact.get',
    'disk.folder.getchildren',
    'im.message.add',
  ];
  const lines: string[] = ["import { B24Hook } from '@bitrix24/b24jssdk';", ''];
  const hoverAt: { line: number; character: number }[] = [];
  const completeAt: { line: number; character: number }[] = [];
  let i = 0;
  while (lines.length < 2000) {
    const m = methods[i % methods.length];
    lines.push(`export async function step${i}(b24, id) {`);
    lines.push(`  const label = t('ui.step${i}.title'); // not a REST call`);
    hoverAt.push({ line: lines.length, character: 38 });
    lines.push(`  const res = await b24.callMethod('${m}', { id, filter: { '>ID': ${i} } });`);
    completeAt.push({ line: lines.length, character: 29 });
    lines.push(`  await BX24.callMethod('crm.', {});`);
    lines.push(`  if (!res.isSuccess) { throw new Error(res.getErrorMessages().join('; ') + label); }`);
    lines.push(`  return res.getData().result;`);
    lines.push('}');
    lines.push('');
    i++;
  }
  return { text: lines.join('\n'), hoverAt, completeAt };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeRequests(count: number, send: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await send(i);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const client = await startServer(undefined, LOCALE ? { locale: LOCALE } : {});
  const initMs = performance.now() - t0;
  const uri = 'file:///bench/app.js';
  const { text, hoverAt, completeAt } = realisticFile();
  open(client, uri, 'javascript', text);
  const first = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt[0] });
  const startMs = performance.now() - t0;
  if (!first) throw new Error('no hover answer on the benchmark file: the benchmark would measure nothing');

  const hover = await timeRequests(REQUESTS, (i) =>
    client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: hoverAt[i % hoverAt.length] }),
  );
  const completion = await timeRequests(REQUESTS, (i) =>
    client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: completeAt[i % completeAt.length] }),
  );
  const rss = rssMb(client.process.pid!);
  await client.shutdown();

  const row = (name: string, value: number, target: number, unit: string) =>
    console.log(
      `${name.padEnd(28)} ${value.toFixed(2).padStart(9)} ${unit.padEnd(3)} target ≤ ${target} ${unit}  (${(value / target).toFixed(2)}× of target) ${value <= target ? 'ok' : 'OVER'}`,
    );
  console.log(
    `language server over stdio — ${REQUESTS} requests each, ${text.split('\n').length}-line file, ${(text.length / 1024).toFixed(0)} KiB, locale ${LOCALE ?? 'en'}`,
  );
  row('start → first answer', initMs, TARGETS.startMs, 'ms');
  row('start → first hover (file)', startMs, TARGETS.startMs, 'ms');
  console.log(`${'hover p50'.padEnd(28)} ${percentile(hover, 50).toFixed(2).padStart(9)} ms`);
  row('hover p99', percentile(hover, 99), TARGETS.hoverP99, 'ms');
  console.log(`${'completion p50'.padEnd(28)} ${percentile(completion, 50).toFixed(2).padStart(9)} ms`);
  row('completion p99', percentile(completion, 99), TARGETS.completionP99, 'ms');
  row('server RSS', rss, TARGETS.rssMb, 'MB');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
