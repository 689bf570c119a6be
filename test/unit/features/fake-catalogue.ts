/** A small catalogue view for feature tests: a handful of real-shaped facts. */
import type { EventInfo, MethodInfo, ScopeInfo } from '../../../server/src/catalogue/types';
import type { CatalogueView } from '../../../server/src/features/context';
import { editDistance } from '../../../server/src/catalogue/edit-distance';

const url = (p: string) => `https://apidocs.bitrix24.com/api-reference/${p}.html`;

export const METHODS: MethodInfo[] = [
  {
    name: 'crm.lead.add',
    version: 2,
    requirement: { kind: 'scope', scope: 'crm' },
    who: 'any user with permission to create leads',
    whoClass: 'permission',
    deprecated: true,
    replacement: 'crm.item.add',
    params: [
      { name: 'fields', type: 'object', required: true },
      { name: 'params', type: 'object', required: false },
    ],
    url: url('crm/leads/crm-lead-add'),
    title: 'Create a New Lead',
  },
  {
    name: 'crm.item.add',
    version: 2,
    requirement: { kind: 'scope', scope: 'crm' },
    who: 'any user with permission to add items',
    whoClass: 'permission',
    params: [
      { name: 'entityTypeId', type: 'integer', required: true },
      { name: 'fields', type: 'object', required: true },
      { name: 'useOriginalUfNames', type: 'boolean', required: false },
    ],
    url: url('crm/universal/crm-item-add'),
    title: 'Create an Item',
  },
  {
    name: 'user.get',
    version: 2,
    requirement: { kind: 'anyOf', scopes: ['user', 'user_basic', 'user_brief'] },
    who: 'any user',
    whoClass: 'any',
    params: [],
    url: url('user/user-get'),
    title: 'Get Users',
  },
  {
    name: 'tasks.task.get',
    version: 3,
    requirement: { kind: 'scope', scope: 'task' },
    who: 'any user',
    whoClass: 'any',
    params: [],
    url: url('rest-v3/tasks/tasks-task-get'),
    title: 'Get a Task',
  },
  {
    name: 'landing.role.enable',
    version: 2,
    requirement: { kind: 'scope', scope: 'landing' },
    who: 'administrator',
    whoClass: 'admin',
    adminConfirm: false,
    appOnly: false,
    params: [{ name: 'mode', type: 'integer', required: true }],
    url: url('landing/role/landing-role-enable'),
    title: 'Switch the Rights Model',
  },
];

export const SCOPES: ScopeInfo[] = [
  { code: 'crm', tool: 'CRM' },
  { code: 'user', tool: 'Users' },
  { code: 'user_basic', tool: 'Users (basic)' },
  { code: 'user_brief', tool: 'Users (brief)' },
  { code: 'task', tool: 'Tasks' },
  { code: 'landing', tool: 'Sites' },
  { code: 'log', tool: 'News feed', deprecated: true },
];

export const EVENTS: EventInfo[] = [
  { name: 'ONCRMLEADADD', requirement: { kind: 'scope', scope: 'crm' }, who: 'any user', url: url('crm/leads/events/on-crm-lead-add'), title: 'Lead added' },
  { name: 'ONCRMDEALADD', requirement: { kind: 'scope', scope: 'crm' }, who: 'any user', url: url('crm/deals/events/on-crm-deal-add'), title: 'Deal added' },
];

export const fakeCatalogue: CatalogueView = {
  get: (name, version) => METHODS.find((m) => m.name.toLowerCase() === name.toLowerCase() && (!version || m.version === version)),
  has: (name) => METHODS.some((m) => m.name.toLowerCase() === name.toLowerCase()),
  scope: (code) => SCOPES.find((s) => s.code === code),
  methodsOfScope: (code) => METHODS.filter((m) => JSON.stringify(m.requirement).includes(`"${code}"`)),
  complete: (prefix, limit = 100) => METHODS.filter((m) => m.name.startsWith(prefix.toLowerCase())).slice(0, limit),
  suggest: (name, max = 3) =>
    METHODS.map((m) => [m.name, editDistance(m.name, name)] as const)
      .filter(([, d]) => d <= 3)
      .sort((a, b) => a[1] - b[1])
      .slice(0, max)
      .map(([n]) => n),
  events: () => EVENTS,
};
