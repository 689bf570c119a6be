/**
 * Per-method flags read from page text: deprecated (with the replacement the
 * note links to), works only from an application (not a webhook), and needs
 * administrator confirmation. Only explicit statements count; a page that
 * merely mentions another method's restriction does not flag this one.
 */
import { fenceMask, headerZone, plainText } from './markdown';
import { methodTokens } from './method-name';

/** What a page's deprecation note says. */
export interface Deprecation {
  /** Method-like link text of the first replacement link, if any. */
  replacementName?: string;
  /** Target of the first link in the note, to resolve via the page map. */
  replacementLink?: string;
  /** The note says development has halted (or the method is kept for existing integrations): it still works. */
  halted?: boolean;
}

/** "The development of this method has been halted", "... discontinued", "kept to support existing integrations". */
const HALTED =
  /development of (?:this|the|`[^`]+`) (?:method|event)s?[^.]*? has been (?:halted|discontinued|stopped)|development of `[^`]+` methods has been stopped|kept (?:only )?to support existing integrations|(?:method|event) development has been (?:halted|discontinued|stopped)|continues to function/i;
/** ...unless the note also says it no longer works somewhere (`task.commentitem.get` in the new task card). */
const STOPPED = /does not work|no longer works?|will stop working|has been removed|will be removed/i;

const DEPRECATED_NOTE = /\{%\s*note\s+\w+\s+"(deprecated|deprecated method)"\s*%\}/i;

/** The deprecation note in the page's header zone, if any. */
export function findDeprecation(lines: string[]): Deprecation | undefined {
  const mask = fenceMask(lines);
  const end = headerZone(lines, mask);
  for (let i = 0; i < end; i++) {
    if (mask[i] || !DEPRECATED_NOTE.test(lines[i])) continue;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && !/\{%\s*endnote/.test(lines[j]); j++) body.push(lines[j]);
    const text = body.join('\n');
    const plain = plainText(text);
    const halted = HALTED.test(plain) && !STOPPED.test(plain) ? { halted: true } : {};
    for (const m of text.matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g)) {
      const name = methodTokens(m[1].replace(/`/g, ''))[0];
      if (name || m[2].endsWith('.md') || m[2].includes('.md#')) return { replacementName: name, replacementLink: m[2], ...halted };
    }
    return halted;
  }
  return undefined;
}

const APP_ONLY_TEXT = [
  /methods? (?:works?|can(?: only)? be (?:called|executed|used)|is available) only (?:with)?in the (?:context of (?:an? |the )?applications?|application context)/i,
  /methods? can only be (?:called|executed) in the application context/i,
  /method call is only possible in the context of an application/i,
  /works only in the application context/i,
  /cannot be called (?:with|via|through) (?:an? )?(?:incoming )?webhook/i,
  /not available (?:with|via|through) (?:an? )?(?:incoming )?webhook/i,
  /works only with application OAuth authori[sz]ation/i,
];
const APP_ONLY_ERROR = /WRONG_AUTH_TYPE|ACCESS_DENIED|AccessException|ERROR_WRONG_CONTEXT|Application context required/;
const APP_CONTEXT = /application context|context of (?:an? |the )?application|outside (?:of )?the (?:context of the )?application/i;
const OTHER_SUBJECT = /PROVIDER_ID|session authori[sz]ation|`[a-z]+(?:\.[a-zA-Z]+)+` returns/;

/**
 * True when the page states the method works only from an application:
 * in its who-can text, in prose, or as an error-table row saying the call
 * came from outside the application context.
 */
export function isAppOnly(lines: string[], who: string | undefined): boolean {
  if (who && /application context|upon application authori[sz]ation/i.test(who)) return true;
  const mask = fenceMask(lines);
  for (let i = 0; i < lines.length; i++) {
    if (mask[i]) continue;
    const line = lines[i];
    if (OTHER_SUBJECT.test(line)) continue;
    const plain = plainText(line);
    if (APP_ONLY_TEXT.some((re) => re.test(plain))) return true;
    if (line.trim().startsWith('||') && APP_ONLY_ERROR.test(line) && APP_CONTEXT.test(line)) return true;
  }
  return false;
}

/** True when the page says calling the method needs administrator confirmation. */
export function needsAdminConfirmation(lines: string[]): boolean {
  const mask = fenceMask(lines);
  return lines.some((l, i) => !mask[i] && /requires? \[?administrator confirmation|METHOD_CONFIRM_WAITING/i.test(l) && !/^\s*"/.test(l));
}
