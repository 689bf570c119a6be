/**
 * `bitrix24-scopes explain '<json or code>' [--method m] [--manifest dir] [--format text|json]`:
 * what a Bitrix24 REST error means and how to fix it; `-` reads the error from stdin.
 * Exit 0 when explained, 1 when the input holds no error, 2 on a usage mistake.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Catalogue } from '../catalogue/catalogue';
import { explainInput, formatExplanations, type ExplainContext } from '../explain/explain';
import { explainContext } from '../mcp/explain-tools';
import { nodeToolContext } from '../mcp/node-context';
import { parseCommandLine, UsageError } from './args';
import { langOption } from '../workspace/cli-support';
import type { Locale } from '../l10n/locale';

interface Io {
  out(s: string): void;
  err(s: string): void;
  /** Reads all of stdin (for `-`). */
  stdin?(): Promise<string>;
  /** The language when `--lang` is not given (the binary's, from the environment). */
  locale?: Locale;
}

const USAGE = "usage: bitrix24-scopes explain '<error json or code>'|- [--method <method>] [--manifest <dir>] [--format text|json] [--lang en|ru]\n";

/** Runs the command; resolves to the exit code. */
export async function run(args: string[], io: Io): Promise<number> {
  let parsed;
  let locale: Locale | undefined;
  try {
    parsed = parseCommandLine({
      args,
      options: { method: { type: 'string' }, manifest: { type: 'string' }, format: { type: 'string' }, lang: { type: 'string' } },
      allowPositionals: true,
    });
    locale = langOption(parsed.values.lang) ?? io.locale;
  } catch (err) {
    if (err instanceof UsageError) return usage(io, err.message);
    throw err;
  }
  const { method, manifest: dir, format = 'text' } = parsed.values;
  let [error] = parsed.positionals;
  if (parsed.positionals.length > 1) return usage(io, 'pass the error as one argument (quote it), or - to read it from stdin');
  if (error === undefined) return usage(io, 'no error given');
  if (format !== 'text' && format !== 'json') return usage(io, '--format must be text or json');
  if (error === '-') error = await (io.stdin ?? readStdin)();
  let ctx: ExplainContext = { method, catalogue: Catalogue.load(), now: Date.now(), locale };
  if (dir !== undefined) {
    const abs = resolve(dir);
    if (!isFolder(abs)) return usage(io, `--manifest '${dir}' is not a folder`);
    const toolCtx = await nodeToolContext({ folder: abs, catalogue: ctx.catalogue as Catalogue, locale })();
    ctx = await explainContext(toolCtx, method, undefined);
  }
  const result = explainInput(error, ctx);
  if (format === 'json') io.out(`${JSON.stringify(result, null, 2)}\n`);
  else if (result.explanations.length) io.out(`${formatExplanations(result, Number.MAX_SAFE_INTEGER, locale)}\n`);
  if (!result.explanations.length) {
    io.err(`bitrix24-scopes explain: ${result.problem ?? 'nothing to explain'}\n`);
    return 1;
  }
  return 0;
}

function usage(io: Io, message: string): number {
  io.err(`bitrix24-scopes explain: ${message}\n${USAGE}`);
  return 2;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
