/**
 * The demo portal's whole state: a plain JSON-serialisable value, so it can be
 * persisted as one file and reset by replacing it.
 */

/** Operations a site access right can grant (`denied` blocks the rest). */
export type SiteOperation = 'denied' | 'read' | 'edit' | 'sett' | 'public' | 'delete';

/** Access code → operations, as `landing.site.setRights` stores it. */
export type RightsSet = Record<string, SiteOperation[]>;

/**
 * Landing "sections": `SITE` covers PAGE/STORE/SMN sites (no `scope`
 * parameter); the others match the `scope` parameter of landing methods.
 */
export type Section = 'SITE' | 'KNOWLEDGE' | 'GROUP' | 'MAINPAGE';

export type SiteType = 'PAGE' | 'STORE' | 'SMN' | 'KNOWLEDGE' | 'GROUP' | 'MAINPAGE';

/** A user's standing in the "Sites and Stores" section; portal admins always have `full`. */
export type SitesAccess = 'full' | 'view' | 'none';

export interface User {
  id: number;
  active: boolean;
  admin: boolean;
  name: string;
  lastName: string;
  secondName: string;
  email: string;
  gender: '' | 'M' | 'F';
  workPosition: string;
  personalCity: string;
  timeZone: string;
  userType: 'employee' | 'extranet';
  /** Departments the user belongs to directly (`UF_DEPARTMENT`). */
  departments: number[];
  /** Portal user groups (`G<id>` codes); everyone is implicitly in group 2. */
  userGroups: number[];
  sitesAccess: SitesAccess;
  online: boolean;
  dateRegister: string;
}

export interface Department {
  id: number;
  name: string;
  sort: number;
  parentId: number | null;
  headId: number | null;
}

export interface UserGroup {
  id: number;
  name: string;
}

export interface SonetGroup {
  id: number;
  name: string;
  description: string | null;
  ownerId: number;
  moderatorIds: number[];
  memberIds: number[];
  active: boolean;
  visible: boolean;
  opened: boolean;
  closed: boolean;
  project: boolean;
  extranet: boolean;
  dateCreate: string;
}

export interface Site {
  id: number;
  title: string;
  code: string;
  type: SiteType;
  active: boolean;
  deleted: boolean;
  description: string;
  xmlId: string;
  domainName: string;
  lang: string;
  createdById: number;
  dateCreate: string;
  /** Individual rights of the extended model. */
  rights: RightsSet;
}

export interface Role {
  id: number;
  section: Section;
  title: string;
  xmlId: string;
  accessCodes: string[];
  /** Site id (`0` = default for sites without their own entry) → operations. */
  rights: Record<string, SiteOperation[]>;
  additional: string[];
}

export interface Webhook {
  /** A short name used in the start-up line (`admin`, `user`, ...). */
  name: string;
  userId: number;
  code: string;
  scopes: string[];
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  scopes: string[];
  redirectUri: string | null;
}

export interface OAuthCode {
  code: string;
  clientId: string;
  userId: number;
  expiresAt: number;
}

export interface OAuthToken {
  accessToken: string;
  refreshToken: string;
  clientId: string;
  userId: number;
  scopes: string[];
  /** ms since epoch */
  expiresAt: number;
  refreshExpiresAt: number;
  /** false once the refresh token has been exchanged (tokens rotate). */
  refreshable: boolean;
}

export interface PortalState {
  version: 1;
  /** The seed data set the state started from; `/_demo/reset` returns to it. */
  seed: 'default' | 'large';
  memberId: string;
  users: User[];
  departments: Department[];
  userGroups: UserGroup[];
  sonetGroups: SonetGroup[];
  sites: Site[];
  /** The separate rights set saved with site id `0`, per section. */
  defaultSiteRights: Record<Section, RightsSet>;
  roleModel: boolean;
  roles: Role[];
  webhooks: Webhook[];
  oauthClients: OAuthClient[];
  oauthCodes: OAuthCode[];
  oauthTokens: OAuthToken[];
}
