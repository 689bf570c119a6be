/**
 * A small catalogue for scope-arithmetic tests: a few real methods with the
 * scope facts their documentation pages state, so tests do not depend on the
 * generated catalogue's size or version.
 */
import type { MethodInfo, ScopeInfo, ScopeRequirement } from '../../../../server/src/catalogue/types';
import type { BindingInfo, ScopeCatalogue } from '../../../../server/src/manifest/types';
import { editDistance } from '../../../../server/src/catalogue/edit-distance';

function method(name: string, requirement: ScopeRequirement, extra: Partial<MethodInfo> = {}): MethodInfo {
  return {
    name,
    version: 2,
    requirement,
    who: 'any user',
    whoClass: 'any',
    params: [],
    url: `https://apidocs.bitrix24.com/${name}.html`,
    title: name,
    ...extra,
  };
}

const USERS: ScopeRequirement = { kind: 'anyOf', scopes: ['user', 'user_brief', 'user_basic'] };

export const METHODS: MethodInfo[] = [
  method('crm.lead.add', { kind: 'scope', scope: 'crm' }, { whoClass: 'permission' }),
  method('crm.lead.list', { kind: 'scope', scope: 'crm' }),
  method('crm.deal.list', { kind: 'scope', scope: 'crm' }),
  method('crm.deal.add', { kind: 'scope', scope: 'crm' }),
  method('tasks.task.add', { kind: 'scope', scope: 'task' }),
  method('im.notify.system.add', { kind: 'scope', scope: 'im' }),
  method('user.get', USERS),
  method('user.current', USERS),
  method('user.add', { kind: 'scope', scope: 'user' }, { whoClass: 'admin' }),
  method('user.update', { kind: 'scope', scope: 'user' }),
  method('sign.b2e.document.send', { kind: 'allOf', scopes: ['sign.b2e', 'crm'] }),
  method('voximplant.user.get', { kind: 'scope', scope: 'telephony' }, { adminConfirm: true }),
  method('placement.bind', { kind: 'scope', scope: 'placement' }, { whoClass: 'admin', appOnly: true }),
  method('server.time', { kind: 'basic' }),
  method('app.info', { kind: 'basic' }),
  method('disk.folder.get', { kind: 'unknown', reason: 'not stated' }),
];

export const SCOPES: ScopeInfo[] = [
  ...['crm', 'task', 'im', 'user', 'user_brief', 'user_basic', 'sign.b2e', 'telephony', 'placement', 'disk', 'calendar'].map((code) => ({ code, tool: code })),
  { code: 'tasks', tool: 'Tasks', deprecated: true, replacement: 'task' },
  { code: 'tasks_extended', tool: 'Tasks', deprecated: true },
];

export const EVENTS: BindingInfo[] = [
  { name: 'onCrmDealAdd', requirement: { kind: 'scope', scope: 'crm' } },
  { name: 'onCrmLeadAdd', requirement: { kind: 'scope', scope: 'crm' } },
  { name: 'OnTaskAdd', requirement: { kind: 'scope', scope: 'task' } },
  { name: 'OnAppInstall', requirement: { kind: 'basic' } },
];

export const PLACEMENTS: BindingInfo[] = [
  { code: 'CRM_DEAL_DETAIL_TAB', requirement: { kind: 'allOf', scopes: ['placement', 'crm'] } },
  { code: 'CRM_LEAD_LIST_MENU', requirement: { kind: 'allOf', scopes: ['placement', 'crm'] } },
  { code: 'TASK_VIEW_TAB', requirement: { kind: 'allOf', scopes: ['placement', 'task'] } },
];

const nearest = (names: string[], name: string, max = 3) =>
  names
    .map((n) => [n, editDistance(n.toLowerCase(), name.toLowerCase())] as const)
    .filter(([, d]) => d > 0 && d <= 3)
    .sort((a, b) => a[1] - b[1])
    .slice(0, max)
    .map(([n]) => n);

/** The test catalogue (fresh each call: nothing shared between tests); `custom`: an app's custom methods, as `withCustom` adds them. */
export function testCatalogue(methods: MethodInfo[] = METHODS, scopes: ScopeInfo[] = SCOPES, custom: MethodInfo[] = []): ScopeCatalogue {
  const byName = new Map(methods.map((m) => [m.name.toLowerCase(), m]));
  const customByName = new Map(custom.map((m) => [m.name.toLowerCase(), m]));
  const mentions = (r: ScopeRequirement, code: string) =>
    (r.kind === 'scope' && r.scope === code) || ((r.kind === 'anyOf' || r.kind === 'allOf') && r.scopes.includes(code));
  const catalogue: ScopeCatalogue = {
    get: (name) => customByName.get(name.toLowerCase()) ?? byName.get(name.toLowerCase()),
    has: (name) => customByName.has(name.toLowerCase()) || byName.has(name.toLowerCase()),
    withCustom: (declared) =>
      testCatalogue(
        methods,
        scopes,
        declared.map((d) =>
          method(d.name, d.requirement ?? { kind: 'unknown', reason: 'not stated' }, { custom: true, title: 'Custom method declared by the app' }),
        ),
      ),
    customMethods: () => custom,
    scope: (code) => scopes.find((s) => s.code === code),
    scopes: () => scopes,
    methodsOfScope: (code) => [...methods, ...custom].filter((m) => mentions(m.requirement, code)),
    suggest: (name, max) =>
      nearest(
        methods.map((m) => m.name),
        name,
        max,
      ),
    event: (name) => EVENTS.find((e) => e.name?.toLowerCase() === name.toLowerCase()),
    suggestEvents: (name, max) =>
      nearest(
        EVENTS.map((e) => e.name ?? ''),
        name,
        max,
      ),
    // CRM_DYNAMIC_<id>_DETAIL_TAB is a template: any number stands for a smart-process type.
    placement: (code) =>
      /^CRM_DYNAMIC_\d+_DETAIL_TAB$/i.test(code)
        ? { code: 'CRM_DYNAMIC_<id>_DETAIL_TAB', requirement: { kind: 'allOf', scopes: ['placement', 'crm'] } }
        : PLACEMENTS.find((p) => p.code?.toLowerCase() === code.toLowerCase()),
    suggestPlacements: (code, max) =>
      nearest(
        PLACEMENTS.map((p) => p.code ?? ''),
        code,
        max,
      ),
  };
  return catalogue;
}
