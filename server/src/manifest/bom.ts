/**
 * UTF-8 byte order marks. Editors on Windows write one; VS Code hides it from
 * documents, so every reader of workspace files drops it too, or the editor
 * and the disk would disagree about the same file.
 */

const BOM = '\uFEFF';

/** `text` without a leading byte order mark (for text read from disk). */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** `text` with a leading byte order mark turned into a space: parsers then accept it and every offset stays the same. */
export function blankBom(text: string): string {
  return text.startsWith(BOM) ? ` ${text.slice(1)}` : text;
}
