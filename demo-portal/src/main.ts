/**
 * `bitrix24-demo-portal`: starts the demo portal, prints one JSON line
 * (base URL, webhook URLs, OAuth app) and runs until SIGINT/SIGTERM.
 * Required as a module (e.g. by `npm start`) it only exports `startDemoPortal`.
 */
import { CliError, parseCliArgs, USAGE } from './cli-args';
import { StateFileError } from './persistence';
import { startDemoPortal, type DemoPortal } from './start';

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // Handlers go in before the ready line: a parent may signal as soon as it reads that line.
  let portal: DemoPortal | undefined;
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    portal?.close().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        process.stderr.write(`bitrix24-demo-portal: ${(error as Error).message}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  portal = await startDemoPortal({
    port: options.port,
    statePath: options.statePath,
    seed: options.seed,
    rateLimit: options.rateLimit,
    language: options.language,
    log: options.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
  if (stopping) {
    await portal.close();
    return;
  }
  process.stdout.write(`${JSON.stringify({ baseUrl: portal.baseUrl, webhooks: portal.webhooks, oauth: portal.oauth })}\n`);
}

export { startDemoPortal };

function fail(error: unknown): void {
  const e = error as NodeJS.ErrnoException;
  if (error instanceof CliError) process.stderr.write(`bitrix24-demo-portal: ${e.message}\n\n${USAGE}\n`);
  else if (error instanceof StateFileError) process.stderr.write(`bitrix24-demo-portal: ${e.message}\n`);
  else if (e.code === 'EADDRINUSE') process.stderr.write('bitrix24-demo-portal: the port is already in use; pass another --port (0 picks a free one)\n');
  else process.stderr.write(`bitrix24-demo-portal: ${e.message}\n`);
  process.exitCode = error instanceof CliError ? 2 : 1;
}

if (require.main === module) main().catch(fail);
