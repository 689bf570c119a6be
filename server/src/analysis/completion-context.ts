/**
 * What the cursor is in, for completion: a method-name slot (with the typed
 * prefix and the range to replace), a key position in the params literal of
 * a recognised call, the event-name slot of `event.bind` or the placement-code
 * slot of `placement.bind`. Lexes the
 * document and walks the cursor's region only up to the cursor.
 */
import type { CompletionSlot, LanguageFamily } from './types';
import { NAME_CHAR, StrFlag, Tok, TokenStream } from './tokens';
import { lexDocument, type Region } from './lexer';
import { Frame, FrameWalker } from './frames';
import { nameLength } from './rest-url';
import { noteStringArg, Slot, slotOf } from './slots';

/** An offset range `[start, end)` in the document. */
interface OffsetRange {
  start: number;
  end: number;
}

/** The completion context at `offset`, or undefined when the cursor is in no slot we complete. */
export function completionContextAt(text: string, family: LanguageFamily, offset: number): CompletionSlot | undefined {
  const ts = new TokenStream();
  ts.collectComments = true;
  const regions = lexDocument(text, family, ts);
  for (let i = 0; i + 1 < ts.comments.length; i += 2) {
    if (ts.comments[i] < offset && offset <= ts.comments[i + 1]) return undefined;
  }
  let region: Region | undefined;
  for (const r of regions) {
    if (r.from <= offset && offset <= r.to && (!region || r.to - r.from < region.to - region.from)) region = r;
  }
  return region ? new Probe(text, ts, region, offset).run() : undefined;
}

class Probe extends FrameWalker {
  constructor(
    text: string,
    ts: TokenStream,
    region: Region,
    private readonly offset: number,
  ) {
    super(text, ts, region);
  }

  run(): CompletionSlot | undefined {
    const { kind, start, end } = this.ts;
    let i = this.from;
    for (; i < this.to; i++) {
      if (kind[i] === Tok.Str && start[i] <= this.offset && this.offset <= end[i]) return this.inString(i);
      if (start[i] >= this.offset) break;
      this.step(i);
    }
    return this.inCode(i - 1);
  }

  protected onString(i: number, f: Frame): void {
    const slot = slotOf(this, i, f, noteStringArg(f, i));
    if (slot === Slot.None || slot === Slot.Ignored || this.ts.flags[i] & StrFlag.Dynamic) return;
    const s = this.ts.start[i];
    const n = nameLength(this.text, s, this.ts.end[i]);
    if (n > 0) {
      f.dirty = true;
      f.methodText = this.text.slice(s, s + n);
      f.methodArg = f.arg;
    }
  }

  protected onIdent(i: number, f: Frame): void {
    const slot = slotOf(this, i, f, f.stringArgs === 0);
    if (slot === Slot.None || slot === Slot.Ignored) return;
    f.dirty = true;
    f.methodIdent = i;
    f.methodArg = f.arg;
  }

  private inString(i: number): CompletionSlot | undefined {
    const { text, offset } = this;
    const f = this.top;
    const s = this.ts.start[i];
    const slot = slotOf(this, i, f, noteStringArg(f, i));
    // A REST URL: complete the last path segment.
    const at = text.lastIndexOf('/rest/', offset - 1);
    if (at >= s && at + 6 <= offset) {
      let seg = offset;
      while (seg > at + 6 && text.charCodeAt(seg - 1) !== 47) seg--;
      if (!this.nameChars(seg, offset)) return undefined;
      return this.method('url', seg, text.startsWith('api/', at + 6) ? 3 : undefined);
    }
    if (slot === Slot.Ignored || !this.nameChars(s, offset)) return undefined;
    if (slot === Slot.CallArg || slot === Slot.BatchEntry) return this.method(slot === Slot.CallArg ? 'call' : 'batch', s, this.isV3() ? 3 : undefined);
    if (slot === Slot.MethodKey) return this.method(f.entry || this.parentBatch(f) ? 'batch' : 'call', s, this.isV3() ? 3 : undefined);
    const params = this.paramsOf();
    if (f.sepTok === i - 1 && f.keyTok >= 0 && params && params.depth === this.depth) {
      const m = params.method.toLowerCase();
      if ((m === 'event.bind' || m === 'event.unbind') && this.keyIs(f.keyTok, 'event')) {
        return { kind: 'event', method: params.method, prefix: text.slice(s, offset), ...this.nameRange(s) };
      }
      if ((m === 'placement.bind' || m === 'placement.unbind') && this.keyIs(f.keyTok, 'placement')) {
        return { kind: 'placement', method: params.method, prefix: text.slice(s, offset), ...this.nameRange(s) };
      }
    }
    if (params && (i - 1 === f.open || i - 1 === f.lastComma)) return this.param(params, text.slice(s, offset), this.nameRange(s), true, i);
    if (f.kind === Tok.LParen && (i - 1 === f.open || i - 1 === f.lastComma) && text.slice(s, offset).includes('.'))
      return this.method('literal', s, undefined);
    return undefined;
  }

  /** Cursor between tokens: a key position in a params literal. */
  private inCode(last: number): CompletionSlot | undefined {
    const f = this.top;
    const params = this.paramsOf();
    if (!params || f.kind === Tok.LParen) return undefined;
    const { kind, start, end } = this.ts;
    let keyStart = this.offset;
    let before = last;
    if (last >= this.from && kind[last] === Tok.Ident && end[last] === this.offset) {
      keyStart = start[last];
      before = last - 1;
    }
    if (!(before === f.open || before === f.lastComma)) return undefined;
    return this.param(
      params,
      this.text.slice(keyStart, this.offset),
      { start: keyStart, end: this.identEndAt(this.offset) },
      false,
      keyStart === this.offset ? -1 : last,
    );
  }

  private param(
    params: { method: string; depth: number },
    prefix: string,
    range: { start: number; end: number },
    quoted: boolean,
    typing: number,
  ): CompletionSlot {
    const path: string[] = [];
    for (let d = params.depth + 1; d <= this.depth; d++) {
      const k = this.frames[d].keyOf;
      if (k >= 0) path.push(this.text.slice(this.ts.start[k], this.ts.end[k]));
    }
    return { kind: 'param', method: params.method, path, present: this.presentKeys(this.top, typing), prefix, ...range, quoted };
  }

  /** The innermost frame that is a params literal, with its method. */
  private paramsOf(): { method: string; depth: number } | undefined {
    for (let d = this.depth; d > 0; d--) {
      const f = this.resolve(d);
      if (f.paramsFor !== undefined) return { method: f.paramsFor, depth: d };
      if (f.paramsIdent >= 0) {
        const m = this.constantValue(f.paramsIdent);
        return m ? { method: m, depth: d } : undefined;
      }
    }
    return undefined;
  }

  /** The string a `NAME = 'value'` (or PHP `define('NAME', 'value')`) gives the identifier at `i`. */
  private constantValue(i: number): string | undefined {
    const { kind, start, end } = this.ts;
    const name = this.text.slice(start[i], end[i]);
    for (let j = this.from; j + 2 < this.to; j++) {
      if (
        kind[j] === Tok.Ident &&
        kind[j + 1] === Tok.Assign &&
        kind[j + 2] === Tok.Str &&
        end[j] - start[j] === name.length &&
        this.text.startsWith(name, start[j])
      ) {
        return this.text.slice(start[j + 2], end[j + 2]);
      }
      if (
        kind[j] === Tok.Str &&
        kind[j + 1] === Tok.Comma &&
        kind[j + 2] === Tok.Str &&
        this.text.slice(start[j], end[j]) === name &&
        j > this.from &&
        kind[j - 1] === Tok.LParen
      ) {
        return this.text.slice(start[j + 2], end[j + 2]);
      }
    }
    return undefined;
  }

  /** Keys at the top level of `f` (the one being typed left out). */
  private presentKeys(f: Frame, typing: number): string[] {
    const { kind, start, end } = this.ts;
    const close = this.matchOf(f.open);
    const stop = close >= 0 ? close : this.to;
    const keys: string[] = [];
    for (let j = f.open + 1; j < stop && keys.length < 500; j++) {
      const k = kind[j];
      if (k === Tok.LParen || k === Tok.LBrack || k === Tok.LBrace) {
        const m = this.matchOf(j);
        if (m < 0) break;
        j = m;
        continue;
      }
      if ((k === Tok.Ident || k === Tok.Str) && j !== typing && j + 1 < stop) {
        const n = kind[j + 1];
        if (n === Tok.Colon || (n === Tok.Arrow && this.php) || (n === Tok.Assign && this.region.family === 'python'))
          keys.push(this.text.slice(start[j], end[j]));
      }
    }
    return keys;
  }

  private method(slot: 'call' | 'batch' | 'url' | 'literal', from: number, version: 3 | undefined): CompletionSlot {
    const ctx: CompletionSlot = { kind: 'method', slot, prefix: this.text.slice(from, this.offset), ...this.nameRange(from) };
    if (version) ctx.version = version;
    return ctx;
  }

  /** From `from` to the end of the name under the cursor (a `.json`/`.xml` suffix left alone). */
  private nameRange(from: number): OffsetRange {
    let e = this.offset;
    while (e < this.text.length && this.text.charCodeAt(e) < 128 && NAME_CHAR[this.text.charCodeAt(e)] === 1) e++;
    const tail = this.text.slice(Math.max(from, e - 5), e).toLowerCase();
    if (tail.endsWith('.json') && e - 5 >= this.offset) e -= 5;
    else if (tail.endsWith('.xml') && e - 4 >= this.offset) e -= 4;
    return { start: from, end: e };
  }

  private identEndAt(p: number): number {
    while (p < this.text.length && this.text.charCodeAt(p) < 128 && NAME_CHAR[this.text.charCodeAt(p)] === 1 && this.text.charCodeAt(p) !== 46) p++;
    return p;
  }

  private nameChars(s: number, e: number): boolean {
    for (let p = s; p < e; p++) {
      const c = this.text.charCodeAt(p);
      if (c >= 128 || NAME_CHAR[c] === 0) return false;
    }
    return true;
  }
}
