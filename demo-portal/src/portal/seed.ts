/**
 * The data a fresh demo portal starts with. `default` is small enough to read
 * at a glance; `large` adds enough users and sites to page through.
 */
import { GRANTING_OPERATIONS } from './operations';
import type { Department, PortalState, Role, Section, Site, SiteOperation, SonetGroup, User } from './types';

export type SeedName = 'default' | 'large';
export const SEED_NAMES: readonly SeedName[] = ['default', 'large'];

/** Scopes the seeded admin and user webhooks and the OAuth app are granted. */
export const FULL_SCOPES = ['department', 'landing', 'sonet_group', 'user'];

/**
 * The admin webhook (the one `npm start` connects with) also grants what examples/ calls, so the
 * sample's first screen shows only the manifest's lessons, not "re-issue the webhook" warnings.
 */
export const SAMPLE_SCOPES = [...FULL_SCOPES, 'crm', 'task'].sort();

const ALL: SiteOperation[] = [...GRANTING_OPERATIONS];
const REGISTERED = '2024-03-01T09:00:00+00:00';

function user(id: number, name: string, lastName: string, extra: Partial<User>): User {
  return {
    id,
    active: true,
    admin: false,
    name,
    lastName,
    secondName: '',
    email: `${name.toLowerCase()}.${lastName.toLowerCase()}@example.com`,
    gender: '',
    workPosition: '',
    personalCity: '',
    timeZone: '',
    userType: 'employee',
    departments: [],
    userGroups: [3],
    sitesAccess: 'view',
    online: false,
    dateRegister: REGISTERED,
    ...extra,
  };
}

function dep(id: number, name: string, parentId: number | null, headId: number | null = null): Department {
  return { id, name, sort: 500, parentId, headId };
}

function site(id: number, title: string, code: string, type: Site['type'], rights: Site['rights'], extra: Partial<Site> = {}): Site {
  return {
    id,
    title,
    code,
    type,
    active: true,
    deleted: false,
    description: '',
    xmlId: '',
    domainName: `${code}.demo-sites.local`,
    lang: 'en',
    createdById: 1,
    dateCreate: '2024-05-10T12:00:00.000Z',
    rights,
    ...extra,
  };
}

function group(id: number, name: string, ownerId: number, members: number[], extra: Partial<SonetGroup> = {}): SonetGroup {
  return {
    id,
    name,
    description: null,
    ownerId,
    moderatorIds: [],
    memberIds: members,
    active: true,
    visible: true,
    opened: false,
    closed: false,
    project: false,
    extranet: false,
    dateCreate: '2024-04-02T10:00:00+00:00',
    ...extra,
  };
}

function roles(): Role[] {
  const sections: Section[] = ['SITE', 'KNOWLEDGE', 'GROUP', 'MAINPAGE'];
  return sections.flatMap((section, i): Role[] => [
    { id: i * 2 + 1, section, title: 'Administrator', xmlId: 'ADMIN', accessCodes: ['G1'], rights: { 0: ALL }, additional: [] },
    {
      id: i * 2 + 2,
      section,
      title: 'Manager',
      xmlId: 'MANAGER',
      accessCodes: section === 'SITE' ? ['DR3'] : ['AU'],
      rights: section === 'SITE' ? { 0: ['read'], 1: ['read', 'edit', 'sett', 'public'] } : { 0: ['read'] },
      additional: [],
    },
  ]);
}

/**
 * Builds a fresh state. `secret` makes webhook codes, the OAuth client
 * secret and the member id, so each new portal has its own.
 */
export function seedState(name: SeedName, secret: () => string): PortalState {
  const users: User[] = [
    user(1, 'Alice', 'Morgan', {
      admin: true,
      gender: 'F',
      workPosition: 'Chief executive officer',
      departments: [1],
      userGroups: [1, 3],
      sitesAccess: 'full',
      online: true,
    }),
    user(2, 'Boris', 'Petrov', { gender: 'M', workPosition: 'Head of sales', departments: [2] }),
    user(3, 'Carol', 'Diaz', { gender: 'F', workPosition: 'Marketing lead', departments: [3], sitesAccess: 'full' }),
    user(4, 'Dmitry', 'Ivanov', { gender: 'M', workPosition: 'Frontend developer', departments: [6] }),
    user(5, 'Eva', 'Schmidt', { gender: 'F', workPosition: 'Backend developer', departments: [7], personalCity: 'Berlin', online: true }),
    user(6, 'Frank', 'Miller', { gender: 'M', workPosition: 'Account manager', departments: [5] }),
    user(7, 'Grace', 'Lee', { active: false, gender: 'F', workPosition: 'Copywriter', departments: [3] }),
    user(8, 'Henry', 'Novak', { gender: 'M', workPosition: 'Platform engineer', departments: [8], sitesAccess: 'none' }),
    user(9, 'Irene', 'Costa', { gender: 'F', workPosition: 'Partner consultant', userType: 'extranet', userGroups: [4] }),
  ];
  const departments: Department[] = [
    dep(1, 'Demo Company', null, 1),
    dep(2, 'Sales', 1, 2),
    dep(3, 'Marketing', 1, 3),
    dep(4, 'Development', 1),
    dep(5, 'Sales EMEA', 2),
    dep(6, 'Frontend', 4),
    dep(7, 'Backend', 4),
    dep(8, 'Platform', 7),
  ];
  const sonetGroups: SonetGroup[] = [
    group(1, 'Website redesign', 3, [5], { moderatorIds: [4], project: true }),
    group(2, 'Partner programme', 1, [2, 9], { visible: false, extranet: true }),
    group(3, 'Knowledge base editors', 1, [5, 8], { opened: true }),
    group(4, 'Intranet 2019', 1, [2], { closed: true }),
  ];
  const sites: Site[] = [
    site(1, 'Company website', 'company', 'PAGE', { AU: ['read'], DR3: ['read', 'edit', 'sett', 'public'], U1: ALL }),
    site(2, 'Online store', 'store', 'STORE', { D2: ['read', 'edit'], U3: ALL, G1: ALL }),
    site(3, 'Spring promo', 'spring-promo', 'PAGE', {}, { active: false }),
    site(4, 'Developer portal', 'developers', 'PAGE', { DR4: ['read', 'edit'], SG3: ['read', 'edit', 'sett'], U8: ['denied'] }),
    site(5, 'Old campaign', 'old-campaign', 'PAGE', {}, { deleted: true, active: false }),
    site(6, 'Employee handbook', 'handbook', 'KNOWLEDGE', { AU: ['read'], DR3: ['read', 'edit'] }),
    site(7, 'Website redesign workspace', 'redesign', 'GROUP', { SG1: ['read', 'edit'], U3: ALL }),
    site(8, 'Main page', 'mainpage', 'MAINPAGE', {}),
  ];
  if (name === 'large') addLargeData(users, departments, sites);
  return {
    version: 1,
    seed: name,
    memberId: (secret() + secret()).slice(0, 32),
    users,
    departments,
    sonetGroups,
    sites,
    userGroups: [
      { id: 1, name: 'Administrators' },
      { id: 2, name: 'All visitors' },
      { id: 3, name: 'Employees' },
      { id: 4, name: 'Extranet users' },
    ],
    defaultSiteRights: { SITE: {}, KNOWLEDGE: {}, GROUP: {}, MAINPAGE: {} },
    roleModel: false,
    roles: roles(),
    webhooks: [
      { name: 'admin', userId: 1, code: secret().slice(0, 16), scopes: [...SAMPLE_SCOPES] },
      { name: 'user', userId: 5, code: secret().slice(0, 16), scopes: [...FULL_SCOPES] },
      { name: 'manager', userId: 3, code: secret().slice(0, 16), scopes: ['landing', 'user_brief'] },
      { name: 'limited', userId: 1, code: secret().slice(0, 16), scopes: ['user_brief'] },
    ],
    oauthClients: [
      { clientId: `local.${secret().slice(0, 14)}.${secret().slice(0, 8)}`, clientSecret: secret() + secret(), scopes: [...FULL_SCOPES], redirectUri: null },
    ],
    oauthCodes: [],
    oauthTokens: [],
  };
}

/** 60 more employees spread over the departments and 60 more ordinary sites. */
function addLargeData(users: User[], departments: Department[], sites: Site[]): void {
  departments.push(dep(9, 'Support', 1), dep(10, 'Support Level 2', 9));
  const leaves = [2, 3, 5, 6, 7, 8, 9, 10];
  for (let i = 1; i <= 60; i++) {
    const n = String(i).padStart(2, '0');
    users.push(user(100 + i, 'Employee', `Number${n}`, { departments: [leaves[i % leaves.length]], workPosition: 'Specialist' }));
  }
  for (let i = 1; i <= 60; i++) {
    const n = String(i).padStart(2, '0');
    // Every fifth landing is restricted so paging and filtering by rights can be seen together.
    sites.push(site(100 + i, `Landing page ${n}`, `landing-${n}`, 'PAGE', i % 5 === 0 ? { DR2: ['read', 'edit'] } : {}));
  }
}
