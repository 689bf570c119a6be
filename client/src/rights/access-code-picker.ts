/**
 * Choosing an access code (search users, pick a department or workgroup, or
 * type a code) and its operations. Directory calls that fail (a webhook
 * without the `user` or `department` scope, say) fall back to typing. Every
 * step's title names what is edited and the step (`stepTitle`).
 */
import * as vscode from 'vscode';
import { accessCodeProblem, ACCESS_CODE_FORMS, parseAccessCode } from './access-codes';
import type { RightsApi } from './api';
import { CodeChoice, listDepartments, listWorkgroups, searchUsers } from './directory';
import { explainFailure } from './failures';
import { normaliseOperations, Operation, OPERATION_LABELS, OPERATION_NAMES, OPERATIONS } from './operations';
import { PickerHeading, stepTitle } from './picker-titles';

export type { PickerHeading } from './picker-titles';

type Source = 'user' | 'department' | 'workgroup' | 'AU' | 'UA' | 'typed';

function sources(): (vscode.QuickPickItem & { source: Source })[] {
  return [
    { source: 'user', label: `$(person) ${vscode.l10n.t('Search users…')}`, description: 'U<id>' },
    { source: 'department', label: `$(type-hierarchy) ${vscode.l10n.t('Pick a department…')}`, description: vscode.l10n.t('DR<id> or D<id>') },
    { source: 'workgroup', label: `$(comment-discussion) ${vscode.l10n.t('Pick a workgroup or project…')}`, description: 'SG<id>' },
    { source: 'AU', label: `$(account) ${vscode.l10n.t('All authorised users')}`, description: 'AU' },
    { source: 'UA', label: `$(globe) ${vscode.l10n.t('All users, including guests')}`, description: 'UA' },
    { source: 'typed', label: `$(edit) ${vscode.l10n.t('Type an access code…')}`, description: 'G<id>, IU<id>, SG<id>_A, …' },
  ];
}

async function pickChoice(choices: CodeChoice[], title: string, placeHolder: string): Promise<CodeChoice | undefined> {
  const picked = await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.label, description: c.description, detail: c.detail, choice: c })),
    { title, placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true },
  );
  return picked?.choice;
}

async function typeCode(heading: PickerHeading | undefined): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: stepTitle(heading, 2, vscode.l10n.t('access code')),
    prompt: ACCESS_CODE_FORMS.map((f) => `${f.shape}: ${f.meaning}`).join(' · '),
    placeHolder: vscode.l10n.t('e.g. DR5'),
    ignoreFocusOut: true,
    validateInput: (v) => accessCodeProblem(v),
  });
  if (typed === undefined) return undefined;
  const parsed = parseAccessCode(typed);
  return parsed.ok ? parsed.value.code : undefined;
}

/** The department first, then whether its sub-departments are included (`DR<id>`) or not (`D<id>`). */
async function pickDepartment(api: RightsApi, heading: PickerHeading | undefined): Promise<string | undefined> {
  const list = await listDepartments(api);
  const department = await pickChoice(
    list.map((d) => ({ code: String(d.id), label: `${'  '.repeat(d.depth)}${d.name || vscode.l10n.t('Department #{0}', d.id)}`, description: `#${d.id}` })),
    stepTitle(heading, 2, vscode.l10n.t('which department')),
    vscode.l10n.t('Pick a department'),
  );
  if (!department) return undefined;
  const id = department.code;
  const name = department.label.trim();
  const scope = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('{0} and its sub-departments', name), description: `DR${id}`, code: `DR${id}` },
      { label: vscode.l10n.t('{0} only', name), description: vscode.l10n.t('D{0}: direct members', id), code: `D${id}` },
    ],
    { title: stepTitle(heading, 2, vscode.l10n.t('with sub-departments?')), placeHolder: vscode.l10n.t('Who in «{0}»?', name), ignoreFocusOut: true },
  );
  return scope?.code;
}

async function fromDirectory(api: RightsApi, source: 'user' | 'department' | 'workgroup', heading: PickerHeading | undefined): Promise<string | undefined> {
  switch (source) {
    case 'user': {
      const text = await vscode.window.showInputBox({
        title: stepTitle(heading, 2, vscode.l10n.t('which user')),
        prompt: vscode.l10n.t('Name, last name, position or department'),
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Type part of a name.')),
      });
      if (text === undefined) return undefined;
      const users = await searchUsers(api, text.trim());
      if (users.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No users match "{0}".', text.trim()));
        return undefined;
      }
      return (await pickChoice(users, stepTitle(heading, 2, vscode.l10n.t('which user')), vscode.l10n.t('Pick a user')))?.code;
    }
    case 'department':
      return pickDepartment(api, heading);
    case 'workgroup':
      return (
        await pickChoice(await listWorkgroups(api), stepTitle(heading, 2, vscode.l10n.t('which workgroup')), vscode.l10n.t('Pick a workgroup or project'))
      )?.code;
  }
}

/**
 * Asks for an access code. Returns the canonical code, or undefined when the
 * user cancelled. `heading` names what the code is added to, for the titles.
 */
export async function pickAccessCode(api: RightsApi, log: vscode.LogOutputChannel, heading?: PickerHeading): Promise<string | undefined> {
  const source = await vscode.window.showQuickPick(sources(), {
    title: stepTitle(heading, 1, vscode.l10n.t('who')),
    placeHolder: vscode.l10n.t('Who gets access?'),
    ignoreFocusOut: true,
  });
  if (!source) return undefined;
  if (source.source === 'AU' || source.source === 'UA') return source.source;
  if (source.source === 'typed') return typeCode(heading);
  try {
    return await fromDirectory(api, source.source, heading);
  } catch (e) {
    const failure = explainFailure(
      e,
      source.source === 'user'
        ? vscode.l10n.t('list users')
        : source.source === 'department'
          ? vscode.l10n.t('list departments')
          : vscode.l10n.t('list workgroups'),
    );
    log.warn(`Site Rights picker: ${failure.message}${failure.detail ? ` (${failure.detail})` : ''}`);
    const typeInstead = vscode.l10n.t('Type a Code');
    const choice = await vscode.window.showWarningMessage(failure.message, typeInstead);
    return choice === typeInstead ? typeCode(heading) : undefined;
  }
}

/**
 * Asks for a code's operations with checkboxes. The answer is normalised as
 * the portal would store it (`denied` alone, `read` implied) and the user is
 * told when that changed the selection. `step` is this question's place in
 * `heading`'s sequence.
 */
export async function pickOperations(code: string, current: readonly Operation[], heading?: PickerHeading, step = 3): Promise<Operation[] | undefined> {
  const items = OPERATIONS.map((op) => ({ label: OPERATION_NAMES[op], description: `${op} · ${OPERATION_LABELS[op]}`, picked: current.includes(op), op }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: heading ? stepTitle(heading, step, vscode.l10n.t('what {0} may do', code)) : vscode.l10n.t('Operations for {0}', code),
    placeHolder: vscode.l10n.t('"No access" excludes the rest; "Read" is implied by the others'),
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  const norm = normaliseOperations(
    picked.map((p) => p.op),
    code,
  );
  if (!norm.ok) return undefined; // only known operations are offered
  // "read" being added is what the placeholder promised; only a dropped selection is news.
  if (norm.ops[0] === 'denied' && picked.length > 1) void vscode.window.showInformationMessage(`${code}: ${norm.notes.join(' ')}`);
  return norm.ops;
}
