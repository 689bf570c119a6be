// The custom LSP messages are declared once, in server/src/protocol.ts, and both the client and
// the server send and handle them only through those typed objects: a method string or a
// hand-written result type at a call site would let the two sides drift apart unnoticed.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NotificationType, NotificationType0, RequestType, RequestType0, type MessageSignature } from 'vscode-languageserver-protocol';
import * as protocol from '../../../server/src/protocol';

const ROOT = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const files = [...sources(join(ROOT, 'client', 'src')), ...sources(join(ROOT, 'server', 'src'))].map((file) => ({
  file: relative(ROOT, file),
  text: readFileSync(file, 'utf8'),
}));

/** Every `x.sendRequest(…` / `onRequest` / `sendNotification` / `onNotification` call: its type arguments and first argument. */
const calls = files.flatMap(({ file, text }) =>
  [...text.matchAll(/\.(sendRequest|onRequest|sendNotification|onNotification)\s*(<[^(]*>)?\(\s*([^,)]*)/g)].map((m) => ({
    where: `${file}:${text.slice(0, m.index).split('\n').length}`,
    call: m[1],
    typeArguments: m[2],
    message: m[3].trim(),
  })),
);

const isMessage = (v: unknown): v is MessageSignature => [RequestType, RequestType0, NotificationType, NotificationType0].some((kind) => v instanceof kind);
const declared = Object.entries(protocol as Record<string, unknown>).filter((entry): entry is [string, MessageSignature] => isMessage(entry[1]));

describe('custom LSP messages', () => {
  it('are declared once each, as typed objects named for their kind, under bitrix24/', () => {
    assert.ok(declared.length >= 10, `found ${declared.length} declared messages`);
    const methods = declared.map(([, type]) => type.method);
    assert.deepEqual(
      methods.filter((m, i) => methods.indexOf(m) !== i),
      [],
      'a method string declared twice',
    );
    for (const [name, type] of declared) {
      assert.match(type.method, /^bitrix24\/[a-z][A-Za-z]+$/, name);
      const notification = type instanceof NotificationType || type instanceof NotificationType0;
      assert.match(name, notification ? /Notification$/ : /Request$/, name);
    }
  });

  it('are sent and handled through the declared objects only: no method strings, no hand-written types', () => {
    assert.ok(calls.length >= 15, `found ${calls.length} calls`);
    const names = new Set(declared.map(([name]) => name));
    const wrong = calls.filter(({ typeArguments, message }) => {
      if (typeArguments) return true;
      const name = message.replace(/^protocol\./, '');
      // Standard LSP messages come as `XNotification.type` / `XRequest.type` from the library.
      return !names.has(name) && !/^[A-Z]\w*(Request|Notification)\.type$/.test(message);
    });
    assert.deepEqual(
      wrong.map((c) => `${c.where} ${c.call}${c.typeArguments ?? ''}(${c.message}, …)`),
      [],
    );
  });

  it('spell their method strings nowhere but in the protocol module (comments may name them)', () => {
    const stray = files
      .filter(({ file }) => file !== join('server', 'src', 'protocol.ts'))
      .flatMap(({ file, text }) => [...text.matchAll(/(['"])bitrix24\/[a-z][A-Za-z]+\1/g)].map((m) => `${file}: ${m[0]}`));
    assert.deepEqual(stray, []);
  });

  it('each have a handler on the side that receives them', () => {
    const handled = new Set(calls.filter((c) => c.call.startsWith('on')).map((c) => c.message.replace(/^protocol\./, '')));
    assert.deepEqual(
      declared.map(([name]) => name).filter((name) => !handled.has(name)),
      [],
    );
  });
});
