import { localize, wordTable } from '../l10n/localize';
/**
 * Site operation codes and the rules `landing.site.setRights` applies to each
 * access code's list: `denied` cancels everything else, and `read` is added
 * whenever `denied` is absent. Normalising here makes the plan show what the
 * portal will really store. Unknown codes, which the portal drops silently,
 * are rejected instead.
 */

export const OPERATIONS = ['denied', 'read', 'edit', 'sett', 'public', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The operations that grant something, in the portal's order. */
export const GRANTING: readonly Operation[] = ['read', 'edit', 'sett', 'public', 'delete'];

/** Each operation's short name, as the portal's own rights form words it, and its longer label. */
const WORDS: Readonly<Record<Operation, readonly [name: () => string, label: () => string]>> = {
  denied: [() => localize('No access'), () => localize('Deny access')],
  read: [() => localize('Read'), () => localize('View the site')],
  edit: [() => localize('Edit'), () => localize('Edit pages')],
  sett: [() => localize('Settings'), () => localize('Change site settings')],
  public: [() => localize('Publish'), () => localize('Publish')],
  delete: [() => localize('Delete'), () => localize('Move to trash and restore')],
};

export const OPERATION_LABELS: Readonly<Record<Operation, string>> = wordTable(mapWords(1));

/** Short names for the operations; the codes stay in tooltips. */
export const OPERATION_NAMES: Readonly<Record<Operation, string>> = wordTable(mapWords(0));

function mapWords(which: 0 | 1): Record<Operation, () => string> {
  return Object.fromEntries(OPERATIONS.map((op) => [op, WORDS[op][which]])) as Record<Operation, () => string>;
}

/** True for one of the six documented operation codes. */
export function isOperation(value: unknown): value is Operation {
  return typeof value === 'string' && (OPERATIONS as readonly string[]).includes(value);
}

export type NormalisedOperations = { ok: true; ops: Operation[]; notes: string[] } | { ok: false; message: string };

/**
 * Normalises one code's operations as the portal would store them.
 * `notes` say what changed (dropped by `denied`, `read` added) so an editor
 * can tell the user; unknown or non-string entries fail with a message.
 */
export function normaliseOperations(input: readonly unknown[], accessCode = ''): NormalisedOperations {
  const unknown = input.filter((op) => !isOperation(op));
  if (unknown.length > 0) {
    const shown = unknown.map((op) => (typeof op === 'string' ? `"${op}"` : (JSON.stringify(op) ?? String(op)))).join(', ');
    const forCode = accessCode ? localize(' for {0}', accessCode) : '';
    return {
      ok: false,
      message: `${unknown.length > 1 ? localize('Unknown operations {0}', shown) : localize('Unknown operation {0}', shown)}${forCode}. ${localize('Use read, edit, sett, public, delete, or denied alone.')}`,
    };
  }
  const given = new Set(input as Operation[]);
  const notes: string[] = [];
  if (given.has('denied')) {
    const dropped = GRANTING.filter((op) => given.has(op));
    if (dropped.length > 0) notes.push(localize('"denied" excludes other operations; {0} dropped.', dropped.join(', ')));
    return { ok: true, ops: ['denied'], notes };
  }
  if (!given.has('read')) {
    notes.push(localize('"read" added: every other operation includes viewing the site.'));
    given.add('read');
  }
  return { ok: true, ops: GRANTING.filter((op) => given.has(op)), notes };
}

/** Orders a list the portal's way without changing its content (`denied` first). */
export function orderOperations(ops: Iterable<Operation>): Operation[] {
  const set = new Set(ops);
  return OPERATIONS.filter((op) => set.has(op));
}

/** "Read, Edit" — or "No access" — for labels, descriptions and messages. */
export function formatOperations(ops: readonly Operation[]): string {
  return ops.length === 0 ? 'nothing' : ops.map((op) => OPERATION_NAMES[op]).join(', ');
}

/** The raw codes, "read, edit", for tooltips and logs: what the rights file and the REST API use. */
export function formatOperationCodes(ops: readonly Operation[]): string {
  return ops.length === 0 ? 'none' : ops.join(', ');
}

/** Whether two normalised lists are the same. */
export function sameOperations(a: readonly Operation[], b: readonly Operation[]): boolean {
  return a.length === b.length && a.every((op, i) => op === b[i]);
}
