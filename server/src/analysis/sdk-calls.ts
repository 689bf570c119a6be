/**
 * Official SDK call styles where the method name is spelled as code, not
 * as a string: b24phpsdk typed services and b24pysdk attribute chains.
 */
import type { MethodNames, MethodReference } from './types';
import { Tok } from './tokens';
import type { Frame, FrameWalker } from './frames';
import { documentedNamespace, METHOD_SHAPE } from './strong-slots';

/**
 * b24phpsdk typed services: `$sb->getCRMScope()->lead()->add(...)` is
 * crm.lead.add (`companyUserfield()` → `company.userfield`). Only chains
 * that start at a `get<Scope>Scope()` call and map onto a catalogue name.
 * `f` is the frame of the final call's `(`.
 */
export function phpSdkCall(w: FrameWalker, f: Frame, names: MethodNames): MethodReference | undefined {
  const { kind, start, end } = w.ts;
  const last = f.open - 1;
  if (last - 1 < w.from || kind[last] !== Tok.Ident || kind[last - 1] !== Tok.Member) return undefined;
  const segs: string[] = [w.text.slice(start[last], end[last])];
  // Walk back over `->seg()` links to `->getXScope()`.
  for (let j = last - 2, n = 0; j - 3 >= w.from && n < 6; j -= 4, n++) {
    if (kind[j] !== Tok.RParen || kind[j - 1] !== Tok.LParen || kind[j - 2] !== Tok.Ident) return undefined;
    const seg = w.text.slice(start[j - 2], end[j - 2]);
    const scope = /^get(\w+)Scope$/.exec(seg);
    if (scope) {
      segs.push(scope[1]);
      const parts = segs.reverse().map((x, i) => (i === segs.length - 1 ? x : x.replace(/([a-z0-9])([A-Z])/g, '$1.$2').toLowerCase()));
      const name = parts.join('.');
      return names.has(name) ? { name, start: start[last], end: end[last], context: 'call' } : undefined;
    }
    segs.push(seg);
    if (kind[j - 3] !== Tok.Member) return undefined;
  }
  return undefined;
}

/**
 * b24pysdk: `client.crm.deal.get(...)` — the attribute chain after a client
 * (a receiver named like `client`, `b24`, `bitrix`) is the method, snake_case
 * mapped to the catalogue's camelCase (`batch_import` → `batchImport`).
 */
export function pythonSdkCall(w: FrameWalker, f: Frame, names: MethodNames, sdkImported: boolean): MethodReference | undefined {
  const { kind, start, end } = w.ts;
  const last = f.open - 1;
  if (last - 4 < w.from || kind[last] !== Tok.Ident || kind[last - 1] !== Tok.Member) return undefined;
  let j = last;
  while (j - 2 >= w.from && kind[j] === Tok.Ident && kind[j - 1] === Tok.Member && kind[j - 2] === Tok.Ident) j -= 2;
  if ((last - j) / 2 < 2) return undefined;
  if (j - 1 >= w.from && kind[j - 1] === Tok.Member) return undefined;
  if (!/client|b24|bitrix/i.test(w.text.slice(start[j], end[j]))) return undefined;
  const raw = w.text.slice(start[j + 2], end[last]);
  const name = sdkName(raw, names) ?? (sdkImported ? unknownSdkName(raw, names) : undefined);
  return name ? { name, start: start[j + 2], end: end[last], context: 'call' } : undefined;
}

/** In a file using b24pysdk, a chain in a documented namespace (`client.crm.deal.lst`) names a method even when nobody documents it. */
function unknownSdkName(raw: string, names: MethodNames): string | undefined {
  const camel = raw.replace(/_+$/, '').replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return METHOD_SHAPE.test(camel) && documentedNamespace(camel, names) ? camel : undefined;
}

function sdkName(raw: string, names: MethodNames): string | undefined {
  if (names.has(raw)) return raw;
  const camel = raw.replace(/_+$/, '').replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return camel !== raw && names.has(camel) ? camel : undefined;
}
