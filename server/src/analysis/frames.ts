/**
 * The bracket-frame walk shared by the analysis and by completion: one pass
 * over a region's tokens keeping a stack of open brackets, each knowing the
 * call it belongs to (callMethod, callBatch, ...), its argument/element
 * index, the key it is the value of, and whether its elements are batch
 * commands or it is the params literal of a method. Hooks see each string,
 * identifier and opened bracket with that context.
 */
import { Tok, TokenStream } from './tokens';
import { foldedAt } from './lex-util';
import type { Region } from './lexer';
import type { MethodReference } from './types';
import { Role, roleOfCallee } from './call-roles';

export { Role };

/** One open bracket. Pooled: `reset` clears it for reuse. */
export class Frame {
  kind = 0;
  open = -1;
  role: Role = Role.Unknown;
  /** 1 inside `actions.v3...(` calls, 0 not, -1 not computed. */
  v3 = -1;
  arg = 0;
  lastComma = -1;
  keyTok = -1;
  sepTok = -1;
  /** Whether the context fields below have been computed (lazily, see FrameWalker.resolve). */
  resolved = false;
  stringArgs = 0;
  /** The method named in this call/entry/object, and the argument it was in. */
  methodText: string | undefined = undefined;
  methodArg = -1;
  /** An identifier (constant) in the method slot, when the name is not a literal. */
  methodIdent = -1;
  /** The reference named in this frame: its params are the next argument or the `params` value. */
  methodRef: MethodReference | undefined = undefined;
  /** The `params` value of this object once closed (for `{params: {...}, method: 'm'}`). */
  paramsStart = -1;
  paramsEnd = -1;
  /** When this frame closes, its range becomes this reference's params. */
  linkRef: MethodReference | undefined = undefined;
  /** Elements/values of this frame are batch commands. */
  batch = false;
  /** This frame is one batch command (`['m', params]` or `{method, params}`). */
  entry = false;
  /** The key token this frame is the value of. */
  keyOf = -1;
  /** This frame is the params literal of this method (text as written, or via `paramsIdent`). */
  paramsFor: string | undefined = undefined;
  paramsIdent = -1;
  /** This frame is the `params` value of its parent object. */
  isParamsKey = false;

  /** Set when a rarely used field was written, so `reset` clears those only then. */
  dirty = false;

  reset(kind: number, open: number): void {
    this.kind = kind;
    this.open = open;
    this.arg = 0;
    this.lastComma = -1;
    this.keyTok = -1;
    this.sepTok = -1;
    this.resolved = false;
    this.stringArgs = 0;
    this.role = Role.Unknown;
    if (this.dirty) {
      this.dirty = false;
      this.v3 = -1;
      this.methodText = undefined;
      this.methodArg = -1;
      this.methodIdent = -1;
      this.methodRef = undefined;
      this.paramsStart = -1;
      this.linkRef = undefined;
    }
  }

  /** Marks the rarely used fields as written (see `reset`). */
  touch(): this {
    this.dirty = true;
    return this;
  }
}

/** Walks one region; subclasses get hooks with the frame stack in place. */
export abstract class FrameWalker {
  readonly frames: Frame[] = [new Frame()];
  depth = 0;
  readonly from: number;
  readonly to: number;
  readonly php: boolean;
  private readonly csharp: boolean;

  constructor(
    readonly text: string,
    readonly ts: TokenStream,
    readonly region: Region,
  ) {
    this.from = region.tokFrom;
    this.to = region.tokTo;
    this.php = region.family === 'php';
    this.csharp = region.family === 'csharp';
    this.frames[0].reset(0, region.tokFrom - 1);
    this.frames[0].resolved = true;
  }

  get top(): Frame {
    return this.frames[this.depth];
  }

  /**
   * Index of the bracket matching the opener `i`, or -1: a forward scan,
   * used for short look-aheads and by completion, never per token.
   */
  matchOf(i: number): number {
    const { kind } = this.ts;
    const open = kind[i];
    let depth = 0;
    for (let j = i; j < this.to; j++) {
      const k = kind[j];
      if (k === open) depth++;
      else if (k === open + 1 && --depth === 0) return j;
    }
    return -1;
  }

  /** Whether the frame enclosing `f` holds batch commands. */
  parentBatch(f: Frame): boolean {
    for (let d = this.depth; d > 0; d--) if (this.frames[d] === f) return this.resolve(d - 1).batch;
    return false;
  }

  protected abstract onString(i: number, f: Frame): void;
  protected abstract onIdent(i: number, f: Frame): void;
  protected onOpen(_f: Frame): void {
    // Optional hook.
  }

  /** Processes token `i`. */
  protected step(i: number): void {
    const { kind } = this.ts;
    const k = kind[i];
    const f = this.frames[this.depth];
    switch (k) {
      case Tok.Str:
        this.onString(i, f);
        return;
      case Tok.Ident:
        this.onIdent(i, f);
        return;
      case Tok.LParen:
      case Tok.LBrack:
      case Tok.LBrace:
        this.open(i, k, f);
        return;
      case Tok.RParen:
      case Tok.RBrack:
      case Tok.RBrace:
        for (let d = this.depth; d > 0 && d >= this.depth - 2; d--) {
          if (this.frames[d].kind === k - 1) {
            for (let c = this.depth; c >= d; c--) this.closed(this.frames[c], c, this.ts.end[i]);
            this.depth = d - 1;
            break;
          }
        }
        return;
      case Tok.Comma:
      case Tok.Semi:
        if (k === Tok.Comma) f.arg++;
        f.lastComma = i;
        f.keyTok = -1;
        f.sepTok = -1;
        return;
      case Tok.Colon:
        this.separator(i, f);
        return;
      case Tok.Arrow:
        if (this.php) this.separator(i, f);
        return;
      case Tok.Assign:
        if (f.kind === Tok.LParen || (f.kind === Tok.LBrace && this.csharp)) this.separator(i, f);
        return;
    }
  }

  private separator(i: number, f: Frame): void {
    const pk = this.ts.kind[i - 1];
    if (i - 1 >= this.from && (pk === Tok.Ident || pk === Tok.Str)) {
      f.keyTok = i - 1;
      f.sepTok = i;
    }
  }

  private open(i: number, k: number, parent: Frame): void {
    const d = this.depth + 1;
    if (d === this.frames.length) this.frames.push(new Frame());
    const f = this.frames[d];
    f.reset(k, i);
    this.depth = d;
    // A frame that named a method may hand this bracket the params reference.
    if (parent.methodRef !== undefined) this.resolve(d);
    if (k === Tok.LParen) this.onOpen(f);
  }

  /** Called for each frame that closes at offset `end`. */
  private closed(f: Frame, d: number, end: number): void {
    if (f.linkRef !== undefined && f.linkRef.paramsRange === undefined) {
      f.linkRef.paramsRange = { start: this.ts.start[f.open], end };
    }
    if (f.resolved ? !f.isParamsKey : !this.directParamsKey(f.open)) return;
    const parent = this.frames[d - 1];
    parent.dirty = true;
    parent.paramsStart = this.ts.start[f.open];
    parent.paramsEnd = end;
    if (parent.methodRef !== undefined && parent.methodRef.paramsRange === undefined) {
      parent.methodRef.paramsRange = { start: parent.paramsStart, end };
    }
  }

  /** `params: {`, `'params' => [`, `params={`: the bracket at `open` is a `params` value. */
  private directParamsKey(open: number): boolean {
    if (open - 2 < this.from) return false;
    const { kind } = this.ts;
    const sep = kind[open - 1];
    if (sep !== Tok.Colon && sep !== Tok.Arrow && sep !== Tok.Assign) return false;
    const key = kind[open - 2];
    return (key === Tok.Ident || key === Tok.Str) && this.tokenIs(open - 2, 'params');
  }

  /** Frames still open when the region ends get their params up to the region end. */
  protected finish(): void {
    for (let d = this.depth; d > 0; d--) this.closed(this.frames[d], d, this.region.to);
    this.depth = 0;
  }

  /** Frame `d` with its context fields computed (and those of its ancestors), iteratively. */
  resolve(d: number): Frame {
    let low = d;
    while (low > 0 && !this.frames[low].resolved) low--;
    for (let x = low + 1; x <= d; x++) this.compute(this.frames[x], this.frames[x - 1]);
    return this.frames[d];
  }

  private compute(f: Frame, parent: Frame): void {
    f.resolved = true;
    f.batch = false;
    f.entry = false;
    f.keyOf = -1;
    f.paramsFor = undefined;
    f.paramsIdent = -1;
    f.isParamsKey = false;
    const i = f.open;
    const begin = this.valueStart(i, parent.open);
    const beginsValue = begin === parent.open || begin === parent.lastComma || (begin === parent.sepTok && begin >= 0);
    if (!beginsValue) return;
    if (parent.sepTok >= 0 && begin === parent.sepTok) f.keyOf = parent.keyTok;
    if (f.kind === Tok.LParen && !this.isArrayCall(i)) return;
    if (parent.batch) f.entry = true;
    if (f.keyOf >= 0) {
      if (this.keyIs(f.keyOf, 'cmd')) f.batch = true;
      else if (this.keyIs(f.keyOf, 'calls') && this.insideBatchCall(parent)) f.batch = true;
    }
    if (parent.kind === Tok.LParen && this.roleOf(parent) === Role.Batch) f.batch = true;
    if (parent.arg === parent.methodArg + 1 && (parent.kind === Tok.LParen || parent.entry)) {
      f.paramsFor = parent.methodText;
      f.paramsIdent = parent.methodIdent;
      if (parent.methodRef !== undefined) f.touch().linkRef = parent.methodRef;
    } else if (f.keyOf >= 0 && this.keyIs(f.keyOf, 'params')) {
      f.isParamsKey = true;
      f.paramsFor = parent.methodText;
      f.paramsIdent = parent.methodIdent;
      // Python keyword argument `params={...}` after the method argument.
      if (parent.methodRef !== undefined && parent.kind === Tok.LParen) f.touch().linkRef = parent.methodRef;
    }
  }

  /** `array(` in PHP: a container, not a call. */
  private isArrayCall(i: number): boolean {
    return this.php && i - 1 >= this.from && this.ts.kind[i - 1] === Tok.Ident && this.tokenIs(i - 1, 'array');
  }

  /**
   * Start of the value the bracket at `i` opens, skipping a type prefix
   * (`b24.Params{`, `[]string{`, `map[string]any{`, `new {`, `array(`).
   * Returns the token before that value (a separator, comma or opener);
   * never goes back past `floor`, the enclosing opener.
   */
  protected valueStart(i: number, floor: number): number {
    const { kind } = this.ts;
    let j = i - 1;
    let steps = 0;
    while (j > floor && j >= this.from && steps < 10) {
      const k = kind[j];
      if (k === Tok.Ident || k === Tok.Member || k === Tok.LBrack || k === Tok.RBrack || (k === Tok.Op && this.ts.flags[j] !== 63)) {
        j--;
        steps++;
        continue;
      }
      break;
    }
    return j;
  }

  /** Whether `parent` or one of its close ancestors is a batch call (`batch.make({calls: ...})`). */
  private insideBatchCall(parent: Frame): boolean {
    let d = this.depth;
    while (d > 0 && this.frames[d] !== parent) d--;
    for (let n = 0; d > 0 && n < 4; d--, n++) {
      const f = this.frames[d];
      if (f.kind === Tok.LParen && this.roleOf(f) === Role.Batch) return true;
    }
    return false;
  }

  /** The role of a call frame, computed once from its callee. */
  roleOf(f: Frame): Role {
    if (f.role !== Role.Unknown) return f.role;
    f.role = Role.None;
    const c = this.callee(f.open);
    if (c < 0) return f.role;
    const s = this.ts.start[c];
    const e = this.ts.end[c];
    if (e - s > 24) return f.role;
    const name = this.text.slice(s, e);
    const role = roleOfCallee(name);
    if (role !== undefined) f.role = role;
    else if (name === 'make' && c - 2 >= this.from && this.ts.kind[c - 1] === Tok.Member && this.ts.kind[c - 2] === Tok.Ident) {
      // b24jssdk: actions.v2.batch.make / batchByChunk.make / call.make
      const recv = this.text.slice(this.ts.start[c - 2], this.ts.end[c - 2]).toLowerCase();
      if (recv === 'batch' || recv === 'batchbychunk') f.role = Role.Batch;
      else if (recv === 'call' || recv === 'calllist' || recv === 'fetchlist') f.role = Role.Call;
    } else if (name === 'define' && this.php) f.role = Role.None;
    return f.role;
  }

  /** True when a call frame (or an enclosing one) is a REST 3.0 call (`actions.v3...`). */
  isV3(): boolean {
    // A few levels up is enough (`make({ method, params })`); deeper would be quadratic on nested input.
    for (let d = this.depth; d > 0 && d > this.depth - 6; d--) {
      const f = this.frames[d];
      if (f.kind !== Tok.LParen) continue;
      if (f.v3 < 0) {
        f.dirty = true;
        f.v3 = 0;
        let c = this.callee(f.open);
        for (let n = 0; c >= this.from && n < 12; n++, c--) {
          const k = this.ts.kind[c];
          if (k === Tok.Ident) {
            if (this.tokenIs(c, 'v3')) {
              f.v3 = 1;
              break;
            }
          } else if (k !== Tok.Member) break;
        }
      }
      if (f.v3 === 1) return true;
    }
    return false;
  }

  /** The callee identifier of the call whose `(` is at `open`, or -1 (skips `<T>` type arguments). */
  callee(open: number): number {
    const { kind, flags } = this.ts;
    let c = open - 1;
    if (c >= this.from && kind[c] === Tok.Op && flags[c] === 62) {
      for (let n = 0; c >= this.from && n < 16; n++, c--) {
        if (kind[c] === Tok.Op && flags[c] === 60) break;
      }
      c--;
    }
    return c >= this.from && kind[c] === Tok.Ident ? c : -1;
  }

  /** Case-insensitive comparison of an identifier or string token with a lower-case word. */
  tokenIs(i: number, word: string): boolean {
    const s = this.ts.start[i];
    return this.ts.end[i] - s === word.length && foldedAt(this.text, s, word);
  }

  /** `tokenIs` for a key token (an identifier or a string's content). */
  keyIs(i: number, word: string): boolean {
    return this.tokenIs(i, word);
  }
}
