/** Terminal manners shared by the CLI commands: colour only where it is wanted, paths a terminal can open. */
import { isAbsolute, join, relative, sep } from 'node:path';

/**
 * Whether to colour what goes to `stream`: `NO_COLOR` (any non-empty value) turns colour off,
 * `FORCE_COLOR` (anything but `0`/`false`) turns it on, otherwise only on a terminal.
 */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

/** ANSI styles, or plain text when colour is off. */
export function palette(on: boolean) {
  const wrap = (code: string) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { red: wrap('31'), yellow: wrap('33'), cyan: wrap('36'), dim: wrap('2'), bold: wrap('1') };
}

/**
 * A finding's path as the current directory sees it (so terminal links open the file): `label` is
 * relative to the scanned `root`. Forward slashes, as the rest of the output uses.
 */
export function fromCwd(root: string, label: string, cwd: string = process.cwd()): string {
  const abs = isAbsolute(label) ? label : join(root, label);
  const rel = relative(cwd, abs) || '.';
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * Ends the process quietly when the reader of stdout goes away (`| head`): no stack trace,
 * exit status 0 as other line-oriented tools do.
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
