/**
 * Just enough of the `vscode` module for the Site Rights tree provider to run
 * in plain Node: imported first, it makes `require('vscode')` resolve to this stub.
 */
import Module from 'node:module';

type Listener<T> = (e: T) => void;

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (l: Listener<T>) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  constructor(
    readonly label: string,
    readonly collapsibleState: number,
  ) {}
}

/** `vscode.l10n.t` as the English bundle answers it: `{0}` placeholders filled in. */
const l10n = {
  t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m)),
};

const stub = { l10n, EventEmitter, ThemeColor, ThemeIcon, TreeItem, TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 } };

const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = M._resolveFilename;
M._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
const cache = require.cache as Record<string, unknown>;
cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub, children: [], paths: [] };
