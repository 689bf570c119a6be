/**
 * Turns a source file into the calls the scope check needs: which files are
 * analysed, and each reference's offsets as line/character positions.
 */
import type { Position } from 'vscode-languageserver-types';
import type { DocumentAnalysis, LanguageFamily, MethodNames } from '../analysis/types';
import { lastAtOrBefore } from '../line-document';
import { Turns } from './turns';
import type { BindingSite, CallSite, DynamicSite } from '../manifest/types';

/** Which files the workspace scan reads and how they are analysed. */
export interface SourceAnalyser {
  /** Should the scan read this file? Decided from the path alone. */
  accepts(path: string): boolean;
  analyse(path: string, text: string, names: MethodNames): DocumentAnalysis;
  /** The language family `analyse` would read the file as (lets the index take an analysis the editor already made). */
  familyOf?(path: string): LanguageFamily | undefined;
}

/** The calls of an analysis with positions instead of offsets. */
export function toCalls(text: string, analysis: DocumentAnalysis): { calls: CallSite[]; dynamic: DynamicSite[]; bindings: BindingSite[] } {
  if (analysis.references.length === 0 && analysis.unresolved.length === 0 && (analysis.bindings ?? []).length === 0)
    return { calls: [], dynamic: [], bindings: [] };
  const at = positionFinder(text);
  return { ...otherSites(analysis, at), calls: analysis.references.map((r) => callSite(r, at)) };
}

/**
 * `toCalls` for any size of analysis without holding the thread: a generated file's 100k calls
 * (and the collection of the objects they make) take turns with requests, `yieldEvery` ms at a time.
 */
export async function toCallsTakingTurns(
  text: string,
  analysis: DocumentAnalysis,
  yieldEvery = 10,
): Promise<{ calls: CallSite[]; dynamic: DynamicSite[]; bindings: BindingSite[] }> {
  const refs = analysis.references;
  // A file of ordinary size is done at once.
  if (refs.length < 5_000) return toCalls(text, analysis);
  const at = positionFinder(text);
  const turns = new Turns(yieldEvery);
  const calls: CallSite[] = [];
  for (let i = 0; i < refs.length; i++) {
    calls.push(callSite(refs[i], at));
    if ((i & 1023) === 1023) await turns.take();
  }
  return { ...otherSites(analysis, at), calls };
}

/** The dynamic names and the bindings of an analysis, with positions. */
function otherSites(analysis: DocumentAnalysis, at: (offset: number) => Position): { dynamic: DynamicSite[]; bindings: BindingSite[] } {
  return {
    bindings: (analysis.bindings ?? []).map((b) => ({ kind: b.kind, name: b.name, via: b.via, range: { start: at(b.start), end: at(b.end) } })),
    dynamic: analysis.unresolved.map((u) => ({ pattern: u.pattern, range: { start: at(u.start), end: at(u.end) }, context: u.context })),
  };
}

function callSite(r: DocumentAnalysis['references'][number], at: (offset: number) => Position): CallSite {
  return { name: r.name, version: r.version, range: { start: at(r.start), end: at(r.end) }, context: r.context };
}

/** offset → Position by binary search over line starts (UTF-16 offsets, as LSP counts). */
export function positionFinder(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const line = lastAtOrBefore(starts, offset);
    return { line, character: offset - starts[line] };
  };
}
