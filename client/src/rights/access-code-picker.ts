/**
 * Choosing an access code (search users, pick a department or workgroup, or
 * type a code) and its operations. Directory calls that fail (a webhook
 * without the `user` or `department` scope, say) fall back to typing.
 */
import * as vscode from 'vscode';
import { accessCodeProblem, ACCESS_CODE_FORMS, parseAccessCode } from './access-codes';
import type { RightsApi } from './api';
import { CodeChoice, departmentChoices, listDepartments, listWorkgroups, searchUsers } from './directory';
import { explainFailure } from './failures';
import { normaliseOperations, Operation, OPERATION_LABELS, OPERATIONS } from './operations';

type Source = 'user' | 'department' | 'workgroup' | 'AU' | 'UA' | 'typed';

const SOURCES: readonly (vscode.QuickPickItem & { source: Source })[] = [
  { source: 'user', label: '$(person) Search users…', description: 'U<id>' },
  { source: 'department', label: '$(type-hierarchy) Pick a department…', description: 'DR<id> or D<id>' },
  { source: 'workgroup', label: '$(comment-discussion) Pick a workgroup or project…', description: 'SG<id>' },
  { source: 'AU', label: '$(account) All authorised users', description: 'AU' },
  { source: 'UA', label: '$(globe) All users, including guests', description: 'UA' },
  { source: 'typed', label: '$(edit) Type an access code…', description: 'G<id>, IU<id>, SG<id>_A, …' },
];

async function pickChoice(choices: CodeChoice[], placeHolder: string): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.label, description: c.description, detail: c.detail, code: c.code })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.code;
}

async function typeCode(): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: 'Access code',
    prompt: ACCESS_CODE_FORMS.map((f) => `${f.shape}: ${f.meaning}`).join(' · '),
    placeHolder: 'e.g. DR5',
    validateInput: (v) => accessCodeProblem(v),
  });
  if (typed === undefined) return undefined;
  const parsed = parseAccessCode(typed);
  return parsed.ok ? parsed.value.code : undefined;
}

async function fromDirectory(api: RightsApi, source: 'user' | 'department' | 'workgroup'): Promise<string | undefined> {
  switch (source) {
    case 'user': {
      const text = await vscode.window.showInputBox({ title: 'Search users', prompt: 'Name, last name, position or department', validateInput: (v) => (v.trim() ? undefined : 'Type part of a name.') });
      if (text === undefined) return undefined;
      const users = await searchUsers(api, text.trim());
      if (users.length === 0) {
        void vscode.window.showInformationMessage(`No users match "${text.trim()}".`);
        return undefined;
      }
      return pickChoice(users, 'Pick a user');
    }
    case 'department': {
      const list = await listDepartments(api);
      const withSub = await vscode.window.showQuickPick(
        [
          { label: 'With sub-departments', description: 'DR<id>', withSub: true },
          { label: 'This department only', description: 'D<id>: direct members', withSub: false },
        ],
        { placeHolder: 'Who in the department?' },
      );
      if (!withSub) return undefined;
      return pickChoice(departmentChoices(list, withSub.withSub), 'Pick a department');
    }
    case 'workgroup':
      return pickChoice(await listWorkgroups(api), 'Pick a workgroup or project');
  }
}

/**
 * Asks for an access code. Returns the canonical code, or undefined when the
 * user cancelled.
 */
export async function pickAccessCode(api: RightsApi, log: vscode.LogOutputChannel): Promise<string | undefined> {
  const source = await vscode.window.showQuickPick(SOURCES, { placeHolder: 'Who gets access?' });
  if (!source) return undefined;
  if (source.source === 'AU' || source.source === 'UA') return source.source;
  if (source.source === 'typed') return typeCode();
  try {
    return await fromDirectory(api, source.source);
  } catch (e) {
    const failure = explainFailure(e, `list ${source.source === 'user' ? 'users' : `${source.source}s`}`);
    log.warn(`Site Rights picker: ${failure.message}${failure.detail ? ` (${failure.detail})` : ''}`);
    const typeInstead = 'Type a Code';
    const choice = await vscode.window.showWarningMessage(failure.message, typeInstead);
    return choice === typeInstead ? typeCode() : undefined;
  }
}

/**
 * Asks for a code's operations with checkboxes. The answer is normalised as
 * the portal would store it (`denied` alone, `read` implied) and the user is
 * told when that changed the selection.
 */
export async function pickOperations(code: string, current: readonly Operation[]): Promise<Operation[] | undefined> {
  const items = OPERATIONS.map((op) => ({ label: op, description: OPERATION_LABELS[op], picked: current.includes(op), op }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: `Operations for ${code}`,
    placeHolder: '"denied" excludes the rest; "read" is implied by the others',
  });
  if (!picked) return undefined;
  const norm = normaliseOperations(picked.map((p) => p.op), code);
  if (!norm.ok) return undefined; // only known operations are offered
  // "read" being added is what the placeholder promised; only a dropped selection is news.
  if (norm.ops[0] === 'denied' && picked.length > 1) void vscode.window.showInformationMessage(`${code}: ${norm.notes.join(' ')}`);
  return norm.ops;
}
