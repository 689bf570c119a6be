/**
 * A tiny stand-in for the call analysis in index tests: `call('name')` is a
 * call, `call(`a.${x}.b`)` a name built at run time, and
 * `bitrix24-disable-line [codes]` a suppression; `lit('name')` counts only when
 * `name` is a known method (as the real analysis treats bare string literals);
 * `bindEvent('X')` / `bindPlacement('X')` bind an event / a placement.
 * Files ending in .js/.php/.py are read.
 */
import type { DocumentAnalysis } from '../../../../server/src/analysis/types';
import type { SourceAnalyser } from '../../../../server/src/workspace/source-analyser';

export function simpleAnalyser(analysed: string[] = []): SourceAnalyser {
  return {
    accepts: (path) => /\.(js|php|py)$/.test(path),
    analyse(path, text, names) {
      analysed.push(path);
      const out: DocumentAnalysis = { references: [], unresolved: [], bindings: [], suppressions: new Map() };
      for (const m of text.matchAll(/call\('([^']+)'\)/g)) {
        const start = (m.index ?? 0) + 6;
        out.references.push({ name: m[1], start, end: start + m[1].length, context: 'call' });
      }
      for (const m of text.matchAll(/lit\('([^']+)'\)/g)) {
        const start = (m.index ?? 0) + 5;
        if (names.has(m[1])) out.references.push({ name: m[1], start, end: start + m[1].length, context: 'literal' });
      }
      for (const m of text.matchAll(/call\(`([^`]+)`\)/g)) {
        const start = (m.index ?? 0) + 6;
        out.unresolved.push({ pattern: m[1].replace(/\$\{[^}]*\}/g, '*'), start, end: start + m[1].length, context: 'call' });
      }
      const bindings: { kind: 'event' | 'placement'; name: string; start: number; end: number; via: string }[] = [];
      for (const m of text.matchAll(/bind(Event|Placement)\('([^']+)'\)/g)) {
        const start = (m.index ?? 0) + m[0].indexOf("'") + 1;
        const kind = m[1] === 'Event' ? 'event' : 'placement';
        bindings.push({ kind, name: m[2], start, end: start + m[2].length, via: `${kind}.bind` });
      }
      Object.assign(out, { bindings });
      text.split('\n').forEach((line, i) => {
        const s = /bitrix24-disable-line\s*([\w-, ]*)/.exec(line);
        if (s) out.suppressions.set(i, s[1].split(/[\s,]+/).filter(Boolean));
      });
      return out;
    },
  };
}
