/**
 * Which method slots are certain enough to report a name nobody documents
 * (`CRest::call('crm.deal.lst')`), so the editor and CI can say "unknown
 * method, did you mean…". A slot of a Bitrix24-only call (CRest, b24phpsdk
 * `core->call`, BX24/b24jssdk, fast_bitrix24's `list_and_get`) always is; a
 * generically named call function (`call`, `get_all`, Go's `Call`) is when
 * the name starts with a documented namespace (`crm.`); anything else (a
 * bare string that only looks like a method) never is.
 */
import type { MethodNames } from './types';
import { Tok } from './tokens';
import { Frame, FrameWalker, Role } from './frames';
import { Slot } from './slots';

/** `crm.lead.add`, `landing.site.getRights`: lower-case namespace, 2 to 6 segments. */
export const METHOD_SHAPE = /^[a-z][a-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*){1,5}$/;

/** Callees (lower case) that only ever take a Bitrix24 REST method name or batch. */
const STRONG_CALLEES = [
  'callmethod',
  'callmethodasync',
  'calllistmethod',
  'call_list_method',
  'fetchlistmethod',
  'fetch_list_method',
  'callbatch',
  'callbatchbychunk',
  'list_and_get',
];
/** Receivers (lower case) whose `call`/`callBatch` is Bitrix24's: CRest, b24phpsdk's core, BX24. */
const STRONG_RECEIVERS = ['crest', 'core', 'bx24'];
/** b24jssdk actions: `actions.v2.call.make`, `callList.make`, `fetchList.make`, `batch.make`, `batchByChunk.make`. */
const MAKE_RECEIVERS = ['call', 'calllist', 'fetchlist', 'batch', 'batchbychunk'];

/** How sure a call frame is about its method slots. */
const enum Strength {
  None = 0,
  /** A generic REST-call name: unknown names count when their namespace is documented. */
  Namespace = 1,
  Certain = 2,
}

/**
 * Whether an undocumented, method-shaped `name` in `slot` (frame `f`) is
 * still a method reference. Called only for names the catalogue lacks.
 */
export function reportsUnknown(w: FrameWalker, slot: Slot, f: Frame, name: string, names: MethodNames): boolean {
  if (slot === Slot.None || slot === Slot.Ignored || !METHOD_SHAPE.test(name)) return false;
  const call = slot === Slot.CallArg ? f : enclosingCall(w);
  if (!call) return false;
  const strength = strengthOf(w, call);
  return strength === Strength.Certain || (strength === Strength.Namespace && documentedNamespace(name, names));
}

/** Whether some documented method shares the first segment of `name` (`crm.` of `crm.deal.lst`). */
export function documentedNamespace(name: string, names: MethodNames): boolean {
  const dot = name.indexOf('.');
  return dot > 0 && names.matchesPattern !== undefined && names.matchesPattern(name.slice(0, dot + 1) + '*');
}

/** The nearest enclosing REST call or batch frame, a few levels up at most. */
function enclosingCall(w: FrameWalker): Frame | undefined {
  for (let d = w.depth, n = 0; d > 0 && n < 6; d--, n++) {
    const f = w.frames[d];
    if (f.kind !== Tok.LParen) continue;
    const role = w.roleOf(f);
    if (role === Role.Call || role === Role.Batch) return f;
  }
  return undefined;
}

function strengthOf(w: FrameWalker, f: Frame): Strength {
  const role = w.roleOf(f);
  if (role !== Role.Call && role !== Role.Batch) return Strength.None;
  const c = w.callee(f.open);
  if (c < 0) return Strength.None;
  // Compared in place, not sliced and lower-cased: a generated file makes this call 100k times.
  if (tokenIn(w, c, STRONG_CALLEES)) return Strength.Certain;
  const { ts } = w;
  const r = c - 2 >= w.from && ts.kind[c - 1] === Tok.Member && ts.kind[c - 2] === Tok.Ident ? c - 2 : -1;
  if (r >= 0) {
    if (w.tokenIs(c, 'make') && tokenIn(w, r, MAKE_RECEIVERS)) return Strength.Certain;
    if ((w.tokenIs(c, 'call') || w.tokenIs(c, 'callbatch')) && tokenIn(w, r, STRONG_RECEIVERS)) return Strength.Certain;
  }
  return Strength.Namespace;
}

/** Whether token `i`, case-folded, is one of `words` (lower case). */
function tokenIn(w: FrameWalker, i: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (w.tokenIs(i, words[k])) return true;
  return false;
}
