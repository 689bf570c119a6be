/**
 * Hover on an error-code string literal in code (`'insufficient_scope'`,
 * `"QUERY_LIMIT_EXCEEDED"`): what the code means and the usual fix. Pure.
 */
import type { Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeFacts, isKnownCode } from './codes';
import type { Locale } from '../l10n/locale';
import { explainTexts } from '../l10n/explain-texts';

const QUOTES = new Set(["'", '"', '`']);
const CODE = /^[A-Za-z][A-Za-z0-9_]*_[A-Za-z0-9_]*$/;

/** The hover for a known error code quoted at `position`, or null; worded in `locale` (English when undefined). */
export function errorCodeHover(doc: TextDocument, position: Position, locale?: Locale): Hover | null {
  const line = doc.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
  const at = position.character;
  let start = at;
  while (start > 0 && /[A-Za-z0-9_]/.test(line[start - 1])) start--;
  let end = at;
  while (end < line.length && /[A-Za-z0-9_]/.test(line[end])) end++;
  const quote = line[start - 1];
  if (!QUOTES.has(quote) || line[end] !== quote) return null;
  const code = line.slice(start, end);
  // Exact case only: `Expired_Token` in code is not the portal's code.
  const facts = CODE.test(code) && isKnownCode(code) ? codeFacts(code, locale)?.facts : undefined;
  if (!facts) return null;
  const t = explainTexts(locale);
  const lines = [`**${code}**${facts.status ? ` (HTTP ${facts.status})` : ''} — ${t.hoverTitle}`, '', facts.meaning, '', ...facts.fixes.map((f) => `- ${f}`)];
  if (facts.page) lines.push('', `[${t.documentation}](${facts.page})`);
  lines.push('', t.hoverHint);
  return {
    contents: { kind: 'markdown', value: lines.join('\n') },
    range: { start: { line: position.line, character: start }, end: { line: position.line, character: end } },
  };
}
