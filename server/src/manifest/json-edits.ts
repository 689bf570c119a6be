/**
 * Edits of the `scopes` array in bitrix24.json that keep the file's own layout
 * and comments: one item per line stays one per line, an inline array stays
 * inline, a comment stays with the item it follows. Each function returns the
 * new text, or undefined when the file is too broken to edit safely.
 */
import { parseTree, type Node } from 'jsonc-parser';

/** Inserts `code` into `scopes` at its sorted place (creating `scopes` when absent). */
export function insertJsonScope(text: string, code: string): string | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root || root.type !== 'object') return undefined;
  const scopes = propertyValue(root, 'scopes');
  if (!scopes) return insertScopesProperty(text, root, code);
  if (scopes.type !== 'array') return undefined;
  const items = scopes.children ?? [];
  const literal = JSON.stringify(code);
  if (items.length === 0) return splice(text, scopes.offset + 1, 0, literal);
  const at = items.findIndex((n) => typeof n.value === 'string' && n.value.localeCompare(code) > 0);
  if (at !== -1) {
    const next = items[at];
    if (startsLine(text, next.offset)) return splice(text, next.offset, 0, `${literal},${lineBreak(text)}${indentAt(text, next.offset)}`);
    return splice(text, next.offset, 0, `${literal}${inlineSeparator(text, items)}`);
  }
  return appendItem(text, items[items.length - 1], literal, items);
}

/** Removes the array item whose string starts at `offset` (the opening quote). */
export function removeJsonItem(text: string, offset: number): string | undefined {
  const found = arrayItemAt(text, offset);
  if (!found) return undefined;
  const { array, index } = found;
  const items = array.children ?? [];
  const item = items[index];
  if (items.length === 1) return splice(text, array.offset, array.length, '[]');
  if (startsLine(text, item.offset) && restOfLineIsTrivia(text, item.offset + item.length)) {
    const from = lineStart(text, item.offset);
    const to = nextLineStart(text, item.offset + item.length);
    let out = splice(text, from, to - from, '');
    // The item was last without a trailing comma: the comma before it now dangles.
    if (index === items.length - 1 && !hasCommaAfter(text, item.offset + item.length)) {
      const prev = items[index - 1];
      const comma = commaAfter(out, prev.offset + prev.length);
      if (comma !== -1) out = splice(out, comma, 1, '');
    }
    return out;
  }
  if (index < items.length - 1) return splice(text, item.offset, items[index + 1].offset - item.offset, '');
  const prev = items[index - 1];
  return splice(text, prev.offset + prev.length, item.offset + item.length - (prev.offset + prev.length), '');
}

/** Replaces the string literal starting at `offset` with `code`. */
export function replaceJsonItem(text: string, offset: number, code: string): string | undefined {
  const found = arrayItemAt(text, offset);
  if (!found) return undefined;
  const item = (found.array.children ?? [])[found.index];
  return splice(text, item.offset, item.length, JSON.stringify(code));
}

function insertScopesProperty(text: string, root: Node, code: string): string {
  const first = (root.children ?? [])[0];
  const property = `"scopes": [${JSON.stringify(code)}]`;
  if (!first) return splice(text, root.offset, root.length, `{${lineBreak(text)}  ${property}${lineBreak(text)}}`);
  const sep = startsLine(text, first.offset) ? `,${lineBreak(text)}${indentAt(text, first.offset)}` : ', ';
  return splice(text, first.offset, 0, `${property}${sep}`);
}

function appendItem(text: string, last: Node, literal: string, items: Node[]): string {
  const end = last.offset + last.length;
  const trailingComma = hasCommaAfter(text, end);
  if (!startsLine(text, last.offset)) {
    return splice(text, end, 0, `${inlineSeparator(text, items)}${literal}`);
  }
  // One item per line: the new item goes on its own line after the last one (and its comment).
  const eol = lineEnd(text, end);
  let out = splice(text, eol, 0, `${lineBreak(text)}${indentAt(text, last.offset)}${literal}${trailingComma ? ',' : ''}`);
  if (!trailingComma) out = splice(out, end, 0, ',');
  return out;
}

function propertyValue(object: Node, key: string): Node | undefined {
  const prop = (object.children ?? []).find((p) => p.children?.[0]?.value === key);
  return prop?.children?.[1];
}

function arrayItemAt(text: string, offset: number): { array: Node; index: number } | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const search = (node: Node): { array: Node; index: number } | undefined => {
    if (node.type === 'array') {
      const index = (node.children ?? []).findIndex((c) => c.offset === offset);
      if (index !== -1) return { array: node, index };
    }
    for (const c of node.children ?? []) {
      if (c.offset <= offset && offset < c.offset + c.length) return search(c);
    }
    return undefined;
  };
  return root && search(root);
}

/** The separator an inline array already uses between items (", " by default). */
function inlineSeparator(text: string, items: Node[]): string {
  if (items.length < 2) return ', ';
  const between = text.slice(items[0].offset + items[0].length, items[1].offset);
  return /^\s*,\s*$/.test(between) && !between.includes('\n') ? between : ', ';
}

function splice(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

function lineBreak(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  return text[end - 1] === '\r' ? end - 1 : end;
}

function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

function indentAt(text: string, offset: number): string {
  return text.slice(lineStart(text, offset), offset);
}

function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(indentAt(text, offset));
}

/** After the item: only a comma, blanks and a line comment until the end of the line. */
function restOfLineIsTrivia(text: string, offset: number): boolean {
  return /^[ \t]*,?[ \t]*(\/\/.*)?$/.test(text.slice(offset, lineEnd(text, offset)));
}

/** Offset of the comma following `offset` past blanks and comments, or -1. */
function commaAfter(text: string, offset: number): number {
  // A line comment runs to the end of its line: a comma inside it ("// planned, not used") is not one.
  const m = /^(?:\s|\/\/[^\n]*(?=\n|$)|\/\*[\s\S]*?\*\/)*,/.exec(text.slice(offset));
  return m ? offset + m[0].length - 1 : -1;
}

function hasCommaAfter(text: string, offset: number): boolean {
  return commaAfter(text, offset) !== -1;
}
