/**
 * Arguments that run the rights commands without prompts, for automation
 * (tasks, other extensions, tests):
 *
 *   bitrix24.rights.addAccessCode     { siteId, code, operations }
 *   bitrix24.rights.editOperations    { siteId, code, operations }
 *   bitrix24.rights.removeAccessCode  { siteId, code, confirm: true }
 *   bitrix24.rights.showPlan          { siteId }
 *   bitrix24.rights.apply / restore   { siteId, confirm: true }
 *
 * They replace the pickers only. Edits still change nothing but the rights
 * file; an apply still builds the plan, shows it as a diff, re-checks the
 * portal and journals the attempt. `confirm: true` answers the question
 * (a picker whose default is Cancel); without it the question is asked as usual. Any other argument (a
 * tree node, a site id, nothing) takes the interactive path.
 */
import { parseAccessCode } from './access-codes';
import { normaliseOperations, Operation } from './operations';
import { localize } from '../l10n/localize';
import { isRecord } from '../util/is-record';

export interface ScriptedArgs {
  siteId: number;
  /** The canonical access code, when the command needs one. */
  code?: string;
  /** Normalised as the portal stores them, when the command needs them. */
  operations?: Operation[];
  /** True to answer the confirmation without asking. */
  confirm: boolean;
}

export type ScriptedArgsResult = { ok: true; value: ScriptedArgs } | { ok: false; message: string };

/** Whether `arg` asks for the prompt-free path: a plain object with `siteId` (tree nodes carry `contextValue` instead). */
export function isScripted(arg: unknown): arg is Record<string, unknown> {
  return isRecord(arg) && 'siteId' in arg && !('contextValue' in arg);
}

/**
 * Validates scripted arguments for a command that needs `needs` (a code,
 * operations). Codes are canonicalised (`dr5` → `DR5`) and operations
 * normalised, so a script gets the same file a user would.
 */
export function readScriptedArgs(arg: Record<string, unknown>, needs: { code?: boolean; operations?: boolean } = {}): ScriptedArgsResult {
  const { siteId } = arg;
  if (typeof siteId !== 'number' || !Number.isInteger(siteId) || siteId <= 0) {
    return { ok: false, message: localize('"siteId" must be the site\'s positive whole-number id.') };
  }
  if (arg.confirm !== undefined && typeof arg.confirm !== 'boolean') return { ok: false, message: localize('"confirm" must be true or false.') };
  const value: ScriptedArgs = { siteId, confirm: arg.confirm === true };
  if (needs.code) {
    if (typeof arg.code !== 'string') return { ok: false, message: localize('"code" must be an access code such as "U5" or "DR2".') };
    const parsed = parseAccessCode(arg.code);
    if (!parsed.ok) return { ok: false, message: parsed.message };
    value.code = parsed.value.code;
  }
  if (needs.operations) {
    if (!Array.isArray(arg.operations) || arg.operations.length === 0) {
      return { ok: false, message: localize('"operations" must be a non-empty list, e.g. ["read", "edit"] or ["denied"].') };
    }
    const norm = normaliseOperations(arg.operations, value.code);
    if (!norm.ok) return { ok: false, message: norm.message };
    value.operations = norm.ops;
  }
  return { ok: true, value };
}
