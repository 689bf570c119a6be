/**
 * The call-site rules, applied to each string and identifier of a region
 * with its bracket context: method slots (first argument of a REST call
 * function, `method:` values, batch entries), REST URLs, batch command
 * strings, whole-literal names, constants, and dynamic names (reported as
 * unresolved patterns, never guessed).
 */
import type { CallContext, MethodNames, MethodReference, UnresolvedReference } from './types';
import { NAME_CHAR, StrFlag, Tok, TokenStream } from './tokens';
import { Frame, FrameWalker } from './frames';
import type { Region } from './lexer';
import { foldedAt } from './lex-util';
import { hasDot, isMethodPattern, nameLength, patternOf, restUrlSegment } from './rest-url';
import { chainPattern, nameAfterSlash, noteStringArg, Slot, slotOf } from './slots';
import { phpSdkCall, pythonSdkCall } from './sdk-calls';
import { documentedNamespace, METHOD_SHAPE, reportsUnknown } from './strong-slots';

/** A `NAME = 'method'` definition, decided once the whole document is seen. */
export interface ConstantCandidate {
  /** The identifier as written (`M`, `$method`, `self::M` → `M`). */
  name: string;
  nameTok: number;
  /** Dotted names are references either way; dotless ones only when the constant fills a slot. */
  ref: MethodReference;
  dotted: boolean;
}

/** Where the recogniser puts what it finds; shared by all regions of a document. */
export interface Findings {
  references: MethodReference[];
  unresolved: UnresolvedReference[];
  constants: ConstantCandidate[];
  /** Identifier texts seen in method slots (`callMethod(M)`), with the token of each such use. */
  slotIdents: Map<string, number[]>;
  /** PHP variables holding a b24phpsdk service or scope builder: name → accessor chain (lower case). */
  sdkVars: Map<string, string>;
}

/** Walks one region and records its references into `out`. */
export class Recogniser extends FrameWalker {
  private chainEnd = -1;
  /** Names sliced from this region lately, by a hash of their characters (see `sliceName`). */
  private recentNames: string[] | undefined;
  private hit: number;
  private readonly urlOnly: boolean;
  private readonly python: boolean;
  /** Whether the document imports b24pysdk (-1: not looked yet). */
  private pySdkDoc = -1;

  constructor(
    text: string,
    ts: TokenStream,
    region: Region,
    private readonly names: MethodNames,
    /** Sorted offsets of every `/rest/` in the text. */
    private readonly restHits: number[],
    private readonly out: Findings,
  ) {
    super(text, ts, region);
    this.urlOnly = region.family === 'plain';
    this.python = region.family === 'python';
    let lo = 0;
    let hi = restHits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (restHits[mid] < region.from) lo = mid + 1;
      else hi = mid;
    }
    this.hit = lo;
  }

  /** Walks every token of the region. */
  run(): void {
    const { kind } = this.ts;
    const { from, to } = this;
    for (let i = from; i < to; i++) {
      const k = kind[i];
      if (k === Tok.Ident) {
        // Only an identifier that starts an argument, element or value can fill a method slot.
        const pk = i > from ? kind[i - 1] : Tok.LParen;
        if (pk === Tok.LParen || pk === Tok.Comma || pk === Tok.Colon || pk === Tok.Arrow || pk === Tok.Assign || pk === Tok.LBrack || pk === Tok.LBrace) {
          this.onIdent(i, this.frames[this.depth]);
        }
      } else if (k === Tok.Comma || k === Tok.Semi) {
        const f = this.frames[this.depth];
        if (k === Tok.Comma) f.arg++;
        f.lastComma = i;
        f.keyTok = -1;
        f.sepTok = -1;
      } else if (k !== Tok.Value && k !== Tok.Op && k !== Tok.Member && k !== Tok.Concat) {
        this.step(i);
      }
    }
    this.finish();
  }

  protected onString(i: number, f: Frame): void {
    if (i < this.chainEnd) return;
    const { ts, text } = this;
    const first = noteStringArg(f, i);
    const s = ts.start[i];
    const e = ts.end[i];
    const holes = ts.flags[i] & StrFlag.Dynamic ? ts.holes.get(i) : undefined;
    const at = this.restAt(s, e, holes);
    if (at >= 0) {
      this.url(at, s, e, holes);
      return;
    }
    if (this.urlOnly) return;
    if (holes) {
      const slot = slotOf(this, i, f, first);
      if (slot !== Slot.Ignored) this.dynamic(i, s, e, holes, slot, f);
      return;
    }
    // One scan: is the whole string a name (letters, digits, `_`, `.`), and has it a dot?
    const c0 = text.charCodeAt(s);
    let p = s;
    let dotted = false;
    if ((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90)) {
      for (p = s + 1; p < e; p++) {
        const d = text.charCodeAt(p);
        if (d === 46) dotted = true;
        else if (d >= 128 || NAME_CHAR[d] === 0) break;
      }
    }
    const prevConcat = i - 1 >= this.from && ts.kind[i - 1] === Tok.Concat;
    if (p === e && p > s) {
      if (e - s > 120) return;
      // Dotless names (`profile`, not `ID`) matter only when they are methods: ask before finding the slot.
      if (!dotted && !(c0 >= 97 && this.names.has(text.slice(s, e)))) {
        if (i + 1 < this.to && ts.kind[i + 1] === Tok.Concat && !prevConcat) this.chain(i, slotOf(this, i, f, first), f);
        return;
      }
      const slot = slotOf(this, i, f, first);
      if (slot !== Slot.Ignored) this.wholeName(i, s, e, slot, f, prevConcat, dotted);
      return;
    }
    const n = nameLength(text, s, e);
    const nextConcat = i + 1 < this.to && ts.kind[i + 1] === Tok.Concat;
    const ne = s + n;
    const cmd = n > 0 && text.charCodeAt(ne) === 63;
    if (!cmd && !prevConcat && !nextConcat && !this.mayFormat(i, s, e, f)) return;
    const slot = slotOf(this, i, f, first);
    if (slot === Slot.Ignored) return;
    if (cmd) {
      // A batch command string: `crm.lead.get?id=1`.
      const name = text.slice(s, ne);
      if ((slot !== Slot.None || hasDot(text, s, ne)) && this.names.has(name)) this.add(name, s, ne, 'batch', slot, f, i);
      else if (slot === Slot.BatchEntry && reportsUnknown(this, slot, f, name, this.names)) this.add(name, s, ne, 'batch', slot, f, i);
      return;
    }
    if (this.formatString(i, s, e, slot, f)) return;
    if (prevConcat) this.tail(s, e);
    else this.chain(i, slot, f);
  }

  /** Cheap test: could the string at `i` be a format string (`%`/`{` inside, used with `%`, `.format`, sprintf)? */
  private mayFormat(i: number, s: number, e: number, f: Frame): boolean {
    const { ts } = this;
    const next = i + 1 < this.to ? ts.kind[i + 1] : 0;
    if (!(next === Tok.Op || next === Tok.Member || (f.kind === Tok.LParen && f.arg === 0))) return false;
    for (let p = s; p < e; p++) {
      const c = this.text.charCodeAt(p);
      if (c === 37 || c === 123) return true;
    }
    return false;
  }

  /** A string whose whole value is a name. */
  private wholeName(i: number, s: number, e: number, slot: Slot, f: Frame, prevConcat: boolean, dotted: boolean): void {
    const { names } = this;
    // `'user.get' + '_cache'`: the value is the concatenation, not this name.
    if (i + 1 < this.to && this.ts.kind[i + 1] === Tok.Concat && !prevConcat) {
      this.chain(i, slot, f);
      return;
    }
    // Dotless names (`profile`, `scope`) count outside slots only as constants filling a slot later.
    if (!dotted && slot === Slot.None && (i - 1 < this.from || this.ts.kind[i - 1] !== Tok.Assign) && !this.php) return;
    let name = this.sliceName(s, e);
    if (names.has(name)) {
      if (slot === Slot.None && !dotted) {
        this.constant(i, name, s, e, false);
        return;
      }
      if (slot !== Slot.None) {
        this.add(name, s, e, contextOf(slot, f, this), slot, f, i);
        return;
      }
      if (prevConcat) {
        this.add(name, s, e, 'url', slot, f, i);
        return;
      }
      if (!this.constant(i, name, s, e, true)) this.add(name, s, e, 'literal', slot, f, i);
      return;
    }
    // `base + 'crm.lead.add.json'`: a URL tail.
    const cut = foldedAt(name, name.length - 5, '.json') ? 5 : foldedAt(name, name.length - 4, '.xml') ? 4 : 0;
    if (cut && (prevConcat || slot !== Slot.None)) {
      name = name.slice(0, name.length - cut);
      if (names.has(name)) this.add(name, s, e - cut, prevConcat ? 'url' : contextOf(slot, f, this), slot, f, i);
      return;
    }
    // `CRest::call('crm.deal.lst')`: in a certain method slot, a method-shaped name nobody
    // documents is still a reference, so the editor and CI can say "unknown method".
    if (slot !== Slot.None && dotted && !prevConcat && (i + 1 >= this.to || this.ts.kind[i + 1] !== Tok.Concat) && reportsUnknown(this, slot, f, name, names)) {
      this.add(name, s, e, contextOf(slot, f, this), slot, f, i);
      return;
    }
    this.chain(i, slot, f);
  }

  /**
   * `text.slice(s, e)` for a name, the same string object as the last time the region held these
   * characters: a file naming one method 10,000 times makes one string, not 10,000 to allocate and
   * collect, and later lookups by the name reuse its hash.
   */
  private sliceName(s: number, e: number): string {
    const { text } = this;
    let h = e - s;
    for (let p = s; p < e; p++) h = (Math.imul(h, 31) + text.charCodeAt(p)) | 0;
    const recent = (this.recentNames ??= new Array<string>(256).fill(''));
    const slot = h & 255;
    const seen = recent[slot];
    if (seen.length === e - s && text.startsWith(seen, s)) return seen;
    return (recent[slot] = text.slice(s, e));
  }

  private add(name: string, s: number, e: number, context: CallContext, slot: Slot, f: Frame, i: number): MethodReference {
    const ref: MethodReference = { name, start: s, end: e, context };
    if (slot !== Slot.None && this.isV3()) ref.version = 3;
    // Its params: the next argument/element (linked when that bracket closes), or the object's `params`.
    const begins = i - 1 === f.open || i - 1 === f.lastComma;
    if (slot === Slot.MethodKey) {
      if (f.paramsStart >= 0) ref.paramsRange = { start: f.paramsStart, end: f.paramsEnd };
      f.dirty = true;
      f.methodRef = ref;
      f.methodText = name;
      f.methodArg = -2;
    } else if (begins && (slot !== Slot.None || f.kind === Tok.LParen || f.kind === Tok.LBrack)) {
      f.dirty = true;
      f.methodRef = ref;
      f.methodText = name;
      f.methodArg = f.arg;
    }
    this.out.references.push(ref);
    return ref;
  }

  /** `NAME = 'm'` / `define('NAME', 'm')`: records a constant candidate; true when it was one. */
  private constant(i: number, name: string, s: number, e: number, dotted: boolean): boolean {
    const nameTok = this.definedName(i);
    if (nameTok < 0) return false;
    const ref: MethodReference = { name, start: s, end: e, context: 'literal' };
    const { ts, text } = this;
    const ident = ts.kind[nameTok] === Tok.Str ? text.slice(ts.start[nameTok], ts.end[nameTok]) : text.slice(ts.start[nameTok], ts.end[nameTok]);
    this.out.constants.push({ name: ident, nameTok, ref, dotted });
    if (dotted) this.out.references.push(ref);
    return true;
  }

  /** The token naming the constant a string at `i` initialises, or -1. */
  private definedName(i: number): number {
    const { kind } = this.ts;
    const p = i - 1;
    if (p - 1 >= this.from && kind[p] === Tok.Assign) {
      if (kind[p - 1] === Tok.Ident) {
        // `X: string = '...'` (TypeScript/Python annotations): the name is before the colon.
        if (p - 3 >= this.from && kind[p - 2] === Tok.Colon && kind[p - 3] === Tok.Ident) return p - 3;
        return p - 1;
      }
      return -1;
    }
    // define('NAME', 'm')
    const f = this.top;
    if (this.php && f.kind === Tok.LParen && f.arg === 1 && kind[p] === Tok.Comma && kind[f.open + 1] === Tok.Str && p === f.open + 2) {
      const c = this.callee(f.open);
      if (c >= 0 && this.tokenIs(c, 'define')) return f.open + 1;
    }
    return -1;
  }

  /** A string with interpolated parts. */
  private dynamic(i: number, s: number, e: number, holes: number[], slot: Slot, f: Frame): void {
    const { text, names } = this;
    // Without a dot outside the holes there is no method name or pattern here.
    if (!staticDot(text, s, e, holes)) return;
    const first = holes[0];
    // `crm.lead.get?id=${id}`: a batch command with a static name.
    const n = nameLength(text, s, first);
    if (n > 0 && text.charCodeAt(s + n) === 63) {
      const name = text.slice(s, s + n);
      if (names.has(name)) this.add(name, s, s + n, 'batch', slot, f, i);
      return;
    }
    // `${webhook}crm.lead.add.json`: a URL tail after the last hole.
    const last = holes[holes.length - 1];
    if (last < e && this.tail(last, e)) return;
    if (first === s) {
      // `${webhook}crm.${type}.list.json`: what follows the base URL is the method.
      const tail = stripUrlTail(patternOf(text, holes[1], e, holes));
      if (isMethodPattern(tail) && (slot !== Slot.None || this.knownPrefix(tail))) {
        this.out.unresolved.push({ pattern: tail, start: holes[1], end: e, context: 'url' });
      }
      return;
    }
    const pattern = patternOf(text, s, e, holes);
    if (isMethodPattern(pattern) && (slot !== Slot.None || this.knownPrefix(pattern))) {
      this.out.unresolved.push({ pattern, start: s, end: e, context: slot === Slot.None ? 'literal' : contextOf(slot, f, this) });
    }
  }

  /**
   * A format string naming a method (`'crm.%s.list' % t`, `sprintf('crm.%s.list', $t)`,
   * `"crm.{}.list".format(t)`, `fmt.Sprintf("crm.%s.list", t)`): unresolved. True when handled.
   */
  private formatString(i: number, s: number, e: number, slot: Slot, f: Frame): boolean {
    const { text, ts } = this;
    if (e - s > 120 || !hasDot(text, s, e)) return false;
    let marker = false;
    for (let p = s; p < e; p++) {
      const c = text.charCodeAt(p);
      if (c === 37 || c === 123) {
        marker = true;
        break;
      }
    }
    if (!marker) return false;
    const next = i + 1 < this.to ? ts.kind[i + 1] : 0;
    const used =
      (next === Tok.Op && ts.flags[i + 1] === 37) ||
      (next === Tok.Member && i + 2 < this.to && this.tokenIs(i + 2, 'format')) ||
      (f.kind === Tok.LParen && f.arg === 0 && this.isFormatCall(f));
    if (!used) return false;
    let pattern = text
      .slice(s, e)
      .replace(/%[-+ #0-9.]*[sdvfqxXi]|\{[^{}]*\}/g, '*')
      .replace(/\*+/g, '*');
    const slash = pattern.lastIndexOf('/');
    // `'%s/crm.%s.list.json'`: a URL whose last segment names the method.
    if (slash >= 0) pattern = stripUrlTail(pattern.slice(slash));
    if (isMethodPattern(pattern) && (slot !== Slot.None || this.knownPrefix(pattern))) {
      const context = slash >= 0 ? 'url' : slot === Slot.None ? 'literal' : contextOf(slot, f, this);
      this.out.unresolved.push({ pattern, start: s, end: e, context });
    }
    return true;
  }

  private isFormatCall(f: Frame): boolean {
    const c = this.callee(f.open);
    if (c < 0) return false;
    const name = this.text.slice(this.ts.start[c], this.ts.end[c]).toLowerCase();
    return name === 'sprintf' || name === 'format' || name === 'printf' || name === 'vsprintf';
  }

  /** A URL tail `[/]name[.json][?...]` in `text[s, e)`; true when it named a method. */
  private tail(s: number, e: number): boolean {
    const r = nameAfterSlash(this.text, s, e);
    if (!r) return false;
    const name = this.text.slice(r[0], r[1]);
    if (!this.names.has(name)) return false;
    if (!r[2] && !hasDot(this.text, r[0], r[1])) return false; // dotless needs a `/` or `.json` to be a URL
    this.out.references.push({ name, start: r[0], end: r[1], context: 'url' });
    return true;
  }

  /** A concatenation starting at token `i`: reports a dynamic name as unresolved. */
  private chain(i: number, slot: Slot, f: Frame): void {
    const { kind } = this.ts;
    if (i + 1 >= this.to || kind[i + 1] !== Tok.Concat) return;
    const c = chainPattern(this, i);
    this.chainEnd = c.endTok;
    if (!isMethodPattern(c.pattern)) return;
    if (slot === Slot.None && !this.knownPrefix(c.pattern)) return;
    this.out.unresolved.push({
      pattern: c.pattern,
      start: this.ts.start[i],
      end: this.ts.end[c.endTok - 1],
      context: slot === Slot.None ? 'literal' : contextOf(slot, f, this),
    });
  }

  /** Outside method slots a pattern must match some catalogue name (`crm.*.list`), or it is noise (`crm.*.title`). */
  private knownPrefix(pattern: string): boolean {
    return pattern.indexOf('.') < pattern.indexOf('*') && this.names.matchesPattern !== undefined && this.names.matchesPattern(pattern);
  }

  /** REST URL at `at` inside string content `[s, e)`. */
  private url(at: number, _s: number, e: number, holes: number[] | undefined): void {
    const seg = restUrlSegment(this.text, at, e, holes);
    if (!seg) return;
    if (seg.pattern !== undefined) {
      if (isMethodPattern(seg.pattern)) this.out.unresolved.push({ pattern: seg.pattern, start: seg.start, end: seg.end, context: 'url' });
      return;
    }
    const name = this.text.slice(seg.start, seg.end);
    if (!this.names.has(name) && !this.restUrlMethod(at, seg.start, name)) return;
    const ref: MethodReference = { name, start: seg.start, end: seg.end, context: 'url' };
    if (seg.version === 3) ref.version = 3;
    this.out.references.push(ref);
  }

  /**
   * Whether an undocumented `name` at `nameStart` is still the method of the
   * REST URL whose `/rest/` is at `at`: a webhook URL (`/rest/1/<code>/name`),
   * a REST 3.0 URL, or a name in a documented namespace right after `/rest/`.
   */
  private restUrlMethod(at: number, nameStart: number, name: string): boolean {
    if (!METHOD_SHAPE.test(name)) return false;
    const path = this.text.slice(at + 6, nameStart);
    return /^([^/]+\/[^/]+\/|api\/)$/.test(path) || (path === '' && documentedNamespace(name, this.names));
  }

  /** Offset of a `/rest/` inside `[s, e)` (not inside a hole), or -1. */
  private restAt(s: number, e: number, holes: number[] | undefined): number {
    const hits = this.restHits;
    let h = this.hit;
    while (h < hits.length && hits[h] < s) h++;
    this.hit = h;
    for (; h < hits.length && hits[h] + 6 <= e; h++) {
      const at = hits[h];
      if (!holes || !insideHole(holes, at)) return at;
    }
    return -1;
  }

  protected onIdent(i: number, f: Frame): void {
    if (i < this.chainEnd || this.urlOnly) return;
    // Cheap rejections first: `x = y` outside call parentheses, and values of keys other than `method`.
    const pk = i > this.from ? this.ts.kind[i - 1] : Tok.LParen;
    if (pk === Tok.Assign && f.kind !== Tok.LParen && f.sepTok !== i - 1) return;
    if ((pk === Tok.Colon || pk === Tok.Arrow) && !(f.keyTok >= 0 && this.keyIs(f.keyTok, 'method')) && !(f.resolved && f.batch)) return;
    const slot = slotOf(this, i, f, f.stringArgs === 0);
    if (slot === Slot.None || slot === Slot.Ignored) return;
    const { kind } = this.ts;
    let j = i;
    while (j + 2 < this.to && kind[j + 1] === Tok.Member && kind[j + 2] === Tok.Ident) j += 2;
    const next = j + 1 < this.to ? kind[j + 1] : 0;
    if (next === Tok.Concat) {
      this.chain(i, slot, f);
      return;
    }
    if (next === Tok.LParen || next === Tok.Member) return;
    const ident = this.text.slice(this.ts.start[j], this.ts.end[j]);
    const uses = this.out.slotIdents.get(ident);
    if (uses) uses.push(j);
    else this.out.slotIdents.set(ident, [j]);
    f.dirty = true;
    f.methodIdent = j;
    f.methodArg = f.arg;
  }

  private pySdk(): boolean {
    if (this.pySdkDoc < 0) this.pySdkDoc = this.text.indexOf('b24pysdk') >= 0 ? 1 : 0;
    return this.pySdkDoc === 1;
  }

  protected onOpen(f: Frame): void {
    // SDK attribute chains end in `ident.ident(` / `->ident(`: rule everything else out first.
    if (!this.python && !this.php) return;
    const o = f.open;
    if (o - 2 < this.from || this.ts.kind[o - 1] !== Tok.Ident || this.ts.kind[o - 2] !== Tok.Member) return;
    const ref = this.python ? pythonSdkCall(this, f, this.names, this.pySdk()) : phpSdkCall(this, f, this.names, this.out.sdkVars);
    if (!ref) return;
    f.dirty = true;
    f.linkRef = ref;
    if (this.python) f.paramsFor = ref.name;
    this.out.references.push(ref);
  }
}

/** Whether `text[s, e)` has a `.` outside the holes. */
function staticDot(text: string, s: number, e: number, holes: number[]): boolean {
  let p = s;
  for (let h = 0; h <= holes.length; h += 2) {
    const to = h < holes.length ? Math.min(holes[h], e) : e;
    for (; p < to; p++) if (text.charCodeAt(p) === 46) return true;
    if (h < holes.length) p = Math.max(p, holes[h + 1]);
  }
  return false;
}

/** `/crm.*.list.json?x=1` → `crm.*.list`. */
function stripUrlTail(pattern: string): string {
  let p = pattern.replace(/^\//, '');
  const q = p.search(/[?#]/);
  if (q >= 0) p = p.slice(0, q);
  return p.replace(/\.(json|xml)$/i, '');
}

function insideHole(holes: number[], at: number): boolean {
  for (let i = 0; i < holes.length; i += 2) if (at >= holes[i] && at < holes[i + 1]) return true;
  return false;
}

/** The reported context of a method slot. */
function contextOf(slot: Slot, f: Frame, w: { parentBatch(f: Frame): boolean }): CallContext {
  if (slot === Slot.BatchEntry) return 'batch';
  if (slot === Slot.MethodKey) return f.entry || w.parentBatch(f) ? 'batch' : 'call';
  return 'call';
}
