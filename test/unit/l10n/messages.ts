// Reads the translatable messages out of the client's sources: every `vscode.l10n.t('…')` /
// `l10n.t('…')` and every `localize('…')` (the vscode-free modules' translator), with TypeScript's
// own parser so quotes, escapes and line breaks in a message are read exactly as VS Code sees them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

export interface Message {
  text: string;
  file: string;
  line: number;
}

export interface Extracted {
  messages: Message[];
  /** Calls whose message is not a plain string literal: the bundle cannot hold them. */
  dynamic: Message[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

function isTranslateCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text === 'localize';
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 't' &&
    ts.isPropertyAccessExpression(callee.expression) &&
    callee.expression.name.text === 'l10n'
  );
}

/** Every message under `dir` (e.g. client/src), with where it is. */
export function extractMessages(dir: string, root: string): Extracted {
  const out: Extracted = { messages: [], dynamic: [] };
  for (const path of sourceFiles(dir)) {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const file = relative(root, path);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && isTranslateCall(node) && node.arguments.length > 0) {
        const first = node.arguments[0];
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        if (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) out.messages.push({ text: first.text, file, line });
        else if (!(ts.isIdentifier(first) && ts.isFunctionDeclaration(node.parent))) out.dynamic.push({ text: first.getText(source), file, line });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** The `{0}`, `{1}`… a message uses, sorted. */
export function placeholders(message: string): string[] {
  return [...new Set(message.match(/\{\d+\}/g) ?? [])].sort();
}
