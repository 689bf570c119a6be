/**
 * Reads a `bitrix24.json` manifest (JSONC: comments and trailing commas are
 * fine). Never throws: whatever is wrong becomes a problem with a span, and
 * whatever is readable is still returned so the rest of the checks can run.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { ScopeRequirement } from '../catalogue/types';
import { blankBom } from './bom';
import { closest } from './did-you-mean';
import { globError } from '../workspace/glob';
import { ruleMessage } from '../rules';
import type { AppKind, CustomMethod, ListedMethod, Manifest, ManifestProblem, ParsedManifest, RuleLevelSetting, Span } from './types';

/** The manifest's file name. */
export const MANIFEST_FILE = 'bitrix24.json';

const APP_KINDS: readonly AppKind[] = ['webhook', 'local', 'market'];
const TOP_KEYS = ['$schema', 'kind', 'scopes', 'forbidden', 'include', 'exclude', 'methods', 'rules', 'portal'];
const RULE_LEVELS: readonly RuleLevelSetting[] = ['off', 'hint', 'info', 'warning', 'error'];
const METHOD_KEYS = ['custom', 'extra', 'ignore'];
const CUSTOM_KEYS = ['name', 'scope'];

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character.',
  InvalidNumberFormat: 'Invalid number.',
  PropertyNameExpected: 'A property name in double quotes is expected.',
  ValueExpected: 'A value is expected.',
  ColonExpected: 'A colon is expected after the property name.',
  CommaExpected: 'A comma is expected.',
  CloseBraceExpected: 'A closing brace `}` is expected.',
  CloseBracketExpected: 'A closing bracket `]` is expected.',
  EndOfFileExpected: 'Nothing may follow the top-level object.',
  InvalidCommentToken: 'Invalid comment.',
  UnexpectedEndOfComment: 'The comment is not closed.',
  UnexpectedEndOfString: 'The string is not closed.',
  UnexpectedEndOfNumber: 'The number is incomplete.',
  InvalidUnicode: 'Invalid unicode escape.',
  InvalidEscapeCharacter: 'Invalid escape character.',
  InvalidCharacter: 'Invalid character in a string.',
};

/** Manifests larger than this are not parsed (a real one is a few kilobytes). */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** Deeper nesting than this is refused before parsing (a manifest needs four levels). */
const MAX_DEPTH = 64;

/** An empty manifest (nothing declared); `scopes` is undefined until read. */
export function emptyManifest(): Manifest {
  return { scopes: undefined, forbidden: [], rules: {}, include: [], exclude: [], custom: [], extra: [], ignore: [] };
}

/** Parses `bitrix24.json` text into a manifest and the problems found in it. */
export function parseManifest(input: string): ParsedManifest {
  const problems: ManifestProblem[] = [];
  const manifest = emptyManifest();
  if (input.length > MAX_MANIFEST_BYTES) {
    const size = `${(input.length / 1024 / 1024).toFixed(1)} MB`;
    problems.push(
      problem('manifest-invalid-value', 'error', `The manifest is ${size}; manifests over 1 MB are not read. Keep only the app's settings in it.`, {
        start: 0,
        end: 1,
      }),
    );
    return { format: 'json', manifest, problems };
  }
  // A byte order mark (Windows editors write one; VS Code hides it) is whitespace to us, at the same offset.
  const text = blankBom(input);
  const deep = tooDeep(text);
  if (deep !== undefined) {
    problems.push(
      problem('manifest-invalid-json', 'error', `Nested more than ${MAX_DEPTH} levels deep; a manifest needs no more than four.`, {
        start: deep,
        end: deep + 1,
      }),
    );
    return { format: 'json', manifest, problems };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) {
    const what = SYNTAX_MESSAGES[printParseErrorCode(e.error)] ?? 'Invalid JSON.';
    problems.push(
      problem('manifest-invalid-json', 'error', `${what} Fix the JSON so the scopes can be read.`, {
        start: e.offset,
        end: e.offset + Math.max(e.length, 1),
      }),
    );
  }
  if (!root || root.type !== 'object') {
    const span = root ? spanOf(root) : { start: 0, end: Math.min(text.length, 1) };
    if (root) problems.push(problem('manifest-invalid-value', 'error', 'The manifest must be a JSON object, e.g. { "scopes": ["crm"] }.', span));
    else if (errors.length === 0) problems.push(problem('manifest-invalid-json', 'error', 'The manifest is empty; write { "scopes": [] }.', span));
    return { format: 'json', manifest, problems };
  }

  const read = new Reader(problems);
  // No "scopes" key declares none; an unreadable one leaves them unknown.
  if (!properties(root).some(([key]) => key === 'scopes')) manifest.scopes = [];
  read.duplicates(root, '');
  for (const [key, keyNode, value] of properties(root)) {
    switch (key) {
      case '$schema':
        read.string(value, '$schema');
        break;
      case 'kind': {
        const kind = read.string(value, 'kind');
        if (kind === undefined) break;
        if ((APP_KINDS as readonly string[]).includes(kind)) manifest.kind = kind as AppKind;
        else read.report('manifest-invalid-value', `"kind" must be one of ${APP_KINDS.map((k) => `"${k}"`).join(', ')}.`, value);
        break;
      }
      case 'scopes': {
        manifest.scopesSpan = spanOf(keyNode);
        const items = read.stringArray(value, 'scopes');
        if (items) manifest.scopes = items.map(([code, node]) => ({ code, span: innerSpan(node) }));
        break;
      }
      case 'forbidden':
        manifest.forbidden = (read.stringArray(value, 'forbidden') ?? []).map(([code, node]) => ({ code, span: innerSpan(node) }));
        break;
      case 'rules':
        manifest.rules = readRules(value, read);
        break;
      case 'include':
      case 'exclude':
        manifest[key] = read.globs(value, key);
        break;
      case 'methods':
        readMethods(value, manifest, read);
        break;
      case 'portal': {
        const portal = read.string(value, 'portal');
        if (portal !== undefined) manifest.portal = read.portal(portal, value);
        break;
      }
      default:
        read.unknownKey(key, keyNode, TOP_KEYS);
    }
  }
  return { format: 'json', manifest, problems };
}

/** `{ "deprecated-method": "off", "unused-scope": "error" }`: rule codes to levels. */
function readRules(node: Node, read: Reader): Record<string, RuleLevelSetting> {
  const rules: Record<string, RuleLevelSetting> = {};
  if (node.type !== 'object') {
    read.report('manifest-invalid-value', '"rules" must be an object of rule codes and levels, e.g. { "deprecated-method": "off" }.', node);
    return rules;
  }
  for (const [key, , value] of properties(node)) {
    const level = read.string(value, `rules.${key}`);
    if (level === undefined) continue;
    if ((RULE_LEVELS as readonly string[]).includes(level)) rules[key] = level as RuleLevelSetting;
    else read.report('manifest-invalid-value', `"rules.${key}" must be one of ${RULE_LEVELS.map((l) => `"${l}"`).join(', ')}.`, value);
  }
  return rules;
}

function readMethods(node: Node, manifest: Manifest, read: Reader): void {
  if (node.type !== 'object') {
    read.report('manifest-invalid-value', '"methods" must be an object with "custom", "extra" and "ignore".', node);
    return;
  }
  read.duplicates(node, 'methods.');
  for (const [key, keyNode, value] of properties(node)) {
    if (key === 'extra' || key === 'ignore') {
      const items = read.stringArray(value, `methods.${key}`) ?? [];
      manifest[key] = items.map(([name, n]): ListedMethod => ({ name, span: innerSpan(n) }));
    } else if (key === 'custom') {
      if (value.type !== 'array') {
        read.report('manifest-invalid-value', '"methods.custom" must be an array of { "name": ..., "scope": ... } objects.', value);
        continue;
      }
      for (const item of value.children ?? []) {
        const custom = readCustom(item, read);
        if (custom) manifest.custom.push(custom);
      }
    } else {
      read.unknownKey(key, keyNode, METHOD_KEYS, 'methods.');
    }
  }
}

function readCustom(node: Node, read: Reader): CustomMethod | undefined {
  if (node.type !== 'object') {
    read.report('manifest-invalid-value', 'Each custom method is an object: { "name": "vendor.thing.get", "scope": "crm" }.', node);
    return undefined;
  }
  let name: string | undefined;
  let nameNode: Node | undefined;
  let requirement: ScopeRequirement | undefined;
  for (const [key, keyNode, value] of properties(node)) {
    if (key === 'name') {
      name = read.string(value, 'name');
      nameNode = value;
    } else if (key === 'scope') {
      requirement = readCustomScope(value, read);
    } else {
      read.unknownKey(key, keyNode, CUSTOM_KEYS, 'methods.custom[].');
    }
  }
  if (name === undefined || !nameNode) {
    read.report('manifest-invalid-value', 'A custom method needs a "name".', node);
    return undefined;
  }
  if (!requirement) {
    read.report('manifest-invalid-value', `Custom method "${name}" needs a "scope" (a scope code, "basic", or a list of codes that are all needed).`, node);
    return undefined;
  }
  return { name, requirement, span: innerSpan(nameNode) };
}

/** `"crm"`, `"basic"`, or `["sign.b2e", "crm"]` (all needed). */
function readCustomScope(node: Node, read: Reader): ScopeRequirement | undefined {
  if (node.type === 'string') {
    const code = String(node.value).trim();
    if (code === '') return read.report('manifest-invalid-value', 'The scope code is empty.', node);
    return code === 'basic' ? { kind: 'basic' } : { kind: 'scope', scope: code };
  }
  const codes = read.stringArray(node, 'scope');
  if (!codes) return undefined;
  if (codes.length === 0) return { kind: 'basic' };
  return codes.length === 1 ? { kind: 'scope', scope: codes[0][0] } : { kind: 'allOf', scopes: codes.map(([c]) => c) };
}

/** Collects problems while reading values of the expected types. */
class Reader {
  constructor(private readonly problems: ManifestProblem[]) {}

  report(code: ManifestProblem['code'], message: string, node: Node): undefined {
    const severity = code === 'manifest-unknown-key' ? 'warning' : 'error';
    this.problems.push(problem(code, severity, message, spanOf(node)));
    return undefined;
  }

  string(node: Node, what: string): string | undefined {
    if (node.type === 'string') return String(node.value);
    return this.report('manifest-invalid-value', `"${what}" must be a string.`, node);
  }

  /** The array's string items with their nodes; non-strings and empty strings are reported and skipped. */
  stringArray(node: Node, what: string): [string, Node][] | undefined {
    if (node.type !== 'array') return this.report('manifest-invalid-value', `"${what}" must be an array of strings.`, node);
    const out: [string, Node][] = [];
    for (const item of node.children ?? []) {
      if (item.type !== 'string') this.report('manifest-invalid-value', `Each item of "${what}" must be a string.`, item);
      else if (String(item.value).trim() === '') this.report('manifest-invalid-value', `An item of "${what}" is empty.`, item);
      else out.push([String(item.value), item]);
    }
    return out;
  }

  /** The globs of "include"/"exclude"; one that cannot compile is reported on itself and left out. */
  globs(node: Node, what: string): string[] {
    const out: string[] = [];
    for (const [glob, item] of this.stringArray(node, what) ?? []) {
      const reason = globError(glob);
      if (reason === undefined) out.push(glob);
      else this.report('manifest-invalid-value', `"${glob}" is not a usable pattern (${reason}); it is left out of "${what}".`, item);
    }
    return out;
  }

  /** Reports every key of `object` that a later key of the same name overrides (JSON readers keep the last one). */
  duplicates(object: Node, prefix: string): void {
    const last = new Map<string, Node>();
    for (const [key, keyNode] of properties(object)) {
      const earlier = last.get(key);
      if (earlier) {
        this.problems.push(problem('manifest-duplicate-key', 'warning', ruleMessage('manifest-duplicate-key', { key: `${prefix}${key}` }), spanOf(earlier)));
      }
      last.set(key, keyNode);
    }
  }

  unknownKey(key: string, keyNode: Node, known: string[], prefix = ''): void {
    const guess = closest(key, known);
    const hint = guess ? ` Did you mean "${prefix}${guess}"?` : ` Known keys: ${known.map((k) => `"${prefix}${k}"`).join(', ')}.`;
    this.report('manifest-unknown-key', `Unknown key "${prefix}${key}".${hint}`, keyNode);
  }

  /** The portal address; a webhook URL (which carries its secret code) is refused. */
  portal(value: string, node: Node): string | undefined {
    if (/\/rest\/\d+\/[^/\s]+/i.test(value) || /[?&](auth|access_token|refresh_token)=/i.test(value)) {
      this.problems.push(
        problem(
          'manifest-secret',
          'error',
          'The portal address contains a webhook code or token. Keep only the address (https://example.bitrix24.com) and store the secret outside the repository.',
          spanOf(node),
        ),
      );
      return undefined;
    }
    if (!/^https?:\/\/[^/\s]+\/?$/i.test(value)) {
      return this.report('manifest-invalid-value', '"portal" must be the portal address, e.g. "https://example.bitrix24.com".', node);
    }
    return value.replace(/\/$/, '');
  }
}

/** Offset where nesting first exceeds MAX_DEPTH (strings and comments skipped), or undefined. */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x2f /* / */ && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === 0x2f && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return undefined;
}

function properties(object: Node): [string, Node, Node][] {
  const out: [string, Node, Node][] = [];
  for (const prop of object.children ?? []) {
    const [keyNode, value] = prop.children ?? [];
    if (keyNode && value) out.push([String(keyNode.value), keyNode, value]);
  }
  return out;
}

function problem(code: ManifestProblem['code'], severity: ManifestProblem['severity'], message: string, span: Span): ManifestProblem {
  return { code, severity, message, span };
}

function spanOf(node: Node): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/** The characters between a string node's quotes. */
function innerSpan(node: Node): Span {
  return { start: node.offset + 1, end: node.offset + Math.max(1, node.length - 1) };
}
