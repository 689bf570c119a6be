/**
 * A small LSP client for tests: starts the bundled stdio server exactly as an
 * editor would and speaks JSON-RPC to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'bin', 'language-server.js');

export interface TestClient {
  connection: MessageConnection;
  process: ChildProcess;
  /** What the client answers to workspace/configuration for `bitrix24` (change it, then notify). */
  settings: unknown;
  /** Diagnostics published per URI (latest wins). */
  diagnostics: Map<string, unknown[]>;
  /** The URI of every publishDiagnostics so far, in order (to count what a change re-published). */
  publishLog: string[];
  /** Resolves with the next diagnostics published for `uri`. */
  nextDiagnostics(uri: string): Promise<unknown[]>;
  /** Resolves with the diagnostics of `uri` once `predicate` holds (now or at a later publish). */
  diagnosticsWhere(uri: string, predicate: (d: unknown[]) => boolean): Promise<unknown[]>;
  stderr(): string;
  shutdown(): Promise<number | null>;
}

export interface StartOptions {
  /** Workspace folder URIs, sent as `workspaceFolders` (multi-root); the first is also `rootUri`. */
  workspaceFolders?: string[];
  /** What the extension passes as `initializationOptions` (e.g. `{ envKeys: [...] }`). */
  initializationOptions?: unknown;
  /** The editor's display language, sent as `InitializeParams.locale` (e.g. `ru`). */
  locale?: string;
  /** Runs the server bundle at this path with these spawn options (e.g. as an ordinary user, see test/support/unprivileged.ts). */
  as?: { bundle: string; spawn: { uid?: number; gid?: number } };
}

/** Spawns the server, runs initialize/initialized, and returns a connected client. */
export async function startServer(rootUri = 'file:///workspace', options: StartOptions = {}): Promise<TestClient> {
  // LSP_TEST_NODE_ARGS lets a benchmark profile the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.LSP_TEST_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, options.as?.bundle ?? SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...options.as?.spawn });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, unknown[]>();
  const publishLog: string[] = [];
  const waiters = new Map<string, ((d: unknown[]) => void)[]>();
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
    diagnostics.set(p.uri, p.diagnostics);
    publishLog.push(p.uri);
    const list = waiters.get(p.uri) ?? [];
    waiters.delete(p.uri);
    list.forEach((w) => w(p.diagnostics));
  });
  const state = { settings: null as unknown };
  connection.onRequest('workspace/configuration', () => [state.settings]);
  connection.listen();
  await connection.sendRequest('initialize', {
    // A server run as another user cannot signal this process, so its parent watchdog would
    // take this process for dead and exit after 3 s: give it no parent to watch.
    processId: options.as?.spawn.uid !== undefined ? null : process.pid,
    rootUri: options.workspaceFolders?.[0] ?? rootUri,
    ...(options.workspaceFolders ? { workspaceFolders: options.workspaceFolders.map((uri, i) => ({ uri, name: `folder${i + 1}` })) } : {}),
    ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    capabilities: {
      textDocument: { hover: { contentFormat: ['markdown'] }, completion: { completionItem: { snippetSupport: false } } },
      workspace: { configuration: true },
    },
  });
  void connection.sendNotification('initialized', {});
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    get settings() {
      return state.settings;
    },
    set settings(value: unknown) {
      state.settings = value;
    },
    connection,
    process: child,
    diagnostics,
    publishLog,
    nextDiagnostics: (uri) => new Promise((resolve) => waiters.set(uri, [...(waiters.get(uri) ?? []), resolve])),
    async diagnosticsWhere(uri, predicate) {
      let current = diagnostics.get(uri);
      while (!current || !predicate(current)) {
        current = await new Promise<unknown[]>((resolve) => waiters.set(uri, [...(waiters.get(uri) ?? []), resolve]));
      }
      return current;
    },
    stderr: () => stderr,
    async shutdown() {
      await connection.sendRequest('shutdown');
      void connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}

/** Sends didOpen for an in-memory document. */
export function open(client: TestClient, uri: string, languageId: string, text: string, version = 1): void {
  void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
}

/** Splits `text` at the `|` cursor marker: the text without it and the cursor's line/character. */
export function cursor(marked: string): { text: string; position: { line: number; character: number } } {
  const at = marked.indexOf('|');
  if (at < 0) throw new Error('no | cursor marker');
  const before = marked.slice(0, at);
  const line = before.split('\n').length - 1;
  const character = at - (before.lastIndexOf('\n') + 1);
  return { text: before + marked.slice(at + 1), position: { line, character } };
}
