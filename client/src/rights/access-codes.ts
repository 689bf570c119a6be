import { localize } from '../l10n/localize';
/**
 * Bitrix24 access codes as site rights use them (`U1`, `DR5`, `SG3_E`, `AU`, ...).
 * The portal saves any string as a code without complaint and such a code
 * grants nothing, so every code is checked here before it reaches a file.
 */

export type AccessCodeKind = 'user' | 'intranet-user' | 'user-group' | 'department' | 'department-tree' | 'workgroup' | 'all-authorised' | 'everyone';

/** Which members of a workgroup an `SG<id>_X` code means. */
export type WorkgroupRole = 'owner' | 'moderators' | 'members';

export interface AccessCode {
  /** The canonical code, e.g. `DR5`. */
  code: string;
  kind: AccessCodeKind;
  id?: number;
  workgroupRole?: WorkgroupRole;
}

export type AccessCodeResult = { ok: true; value: AccessCode } | { ok: false; message: string };

interface Form {
  prefix: string;
  kind: AccessCodeKind;
  /** How the form is written in messages. */
  shape: string;
  meaning: string;
}

/** A shape whose meaning is looked up when read, so it follows the language set at activation. */
function described(shape: string, meaning: () => string): { shape: string; meaning: string } {
  return {
    shape,
    get meaning() {
      return meaning();
    },
  };
}

function form(prefix: string, kind: AccessCodeKind, meaning: () => string): Form {
  return Object.defineProperties(described(`${prefix}<id>`, meaning) as Form, {
    prefix: { value: prefix, enumerable: true },
    kind: { value: kind, enumerable: true },
  });
}

/** Forms with an id, longest prefix first so `DR` wins over `D`. */
const ID_FORMS: readonly Form[] = [
  form('IU', 'intranet-user', () => localize('intranet user')),
  form('DR', 'department-tree', () => localize('department with its sub-departments')),
  form('SG', 'workgroup', () => localize('workgroup or project (add _A owner, _E moderators, _K all members)')),
  form('U', 'user', () => localize('user')),
  form('G', 'user-group', () => localize('user group')),
  form('D', 'department', () => localize('department (direct members only)')),
];

const FIXED: Readonly<Record<string, AccessCodeKind>> = { AU: 'all-authorised', UA: 'everyone' };

const WORKGROUP_ROLES: Readonly<Record<string, WorkgroupRole>> = { A: 'owner', E: 'moderators', K: 'members' };

/** The accepted forms, for hints and error messages. */
export const ACCESS_CODE_FORMS: readonly { shape: string; meaning: string }[] = [
  ...ID_FORMS,
  described('AU', () => localize('all authorised users')),
  described('UA', () => localize('all users, including guests')),
];

const formsHint = () => localize('U<id>, IU<id>, G<id>, D<id>, DR<id>, SG<id>, SG<id>_A|_E|_K, AU or UA');

/**
 * Parses a typed access code. Letters may be typed in any case; ids must be
 * positive integers without leading zeros, because `U01` is not `U1` to the portal.
 */
export function parseAccessCode(text: string): AccessCodeResult {
  const typed = text.trim();
  if (typed === '') return { ok: false, message: localize('Enter an access code: {0}.', formsHint()) };
  const upper = typed.toUpperCase();
  const fixed = FIXED[upper];
  if (fixed) return { ok: true, value: { code: upper, kind: fixed } };
  const m = /^([A-Z]+)(\d+)(?:_([A-Z]))?$/.exec(upper);
  const form = m && ID_FORMS.find((f) => f.prefix === m[1]);
  if (!m || !form) {
    return { ok: false, message: localize('"{0}" is not an access code site rights accept. Use {1}.', typed, formsHint()) };
  }
  const [, prefix, digits, suffix] = m;
  if (!/^[1-9]\d*$/.test(digits) || digits.length > 10) {
    return {
      ok: false,
      message: localize('"{0}": the id must be a positive whole number without leading zeros, e.g. {1}{2}.', typed, prefix, Number(digits) || 1),
    };
  }
  const id = Number(digits);
  if (suffix === undefined) return { ok: true, value: { code: `${prefix}${id}`, kind: form.kind, id } };
  const role = form.kind === 'workgroup' ? WORKGROUP_ROLES[suffix] : undefined;
  if (!role) {
    return {
      ok: false,
      message:
        form.kind === 'workgroup'
          ? localize('"{0}": a workgroup code ends in _A (owner), _E (moderators) or _K (all members).', typed)
          : localize('"{0}": only workgroup codes (SG<id>) take a suffix.', typed),
    };
  }
  return { ok: true, value: { code: `${prefix}${id}_${suffix}`, kind: 'workgroup', id, workgroupRole: role } };
}

/** The validation message for an input box, or `undefined` when the code is fine. */
export function accessCodeProblem(text: string): string | undefined {
  const r = parseAccessCode(text);
  return r.ok ? undefined : r.message;
}

// Getters: looked up in the display language when read.
const KIND_LABEL: Readonly<Record<AccessCodeKind, string>> = {
  get user() {
    return localize('User');
  },
  get 'intranet-user'() {
    return localize('Intranet user');
  },
  get 'user-group'() {
    return localize('User group');
  },
  get department() {
    return localize('Department');
  },
  get 'department-tree'() {
    return localize('Department');
  },
  get workgroup() {
    return localize('Workgroup');
  },
  get 'all-authorised'() {
    return localize('All authorised users');
  },
  get everyone() {
    return localize('All users, including guests');
  },
};

/**
 * A generic description for when the portal gave no name (`access.name`
 * returns nothing for codes it does not know), e.g. "Department #5 and sub-departments".
 */
export function describeAccessCode(code: AccessCode): string {
  const label = KIND_LABEL[code.kind];
  if (code.id === undefined) return label;
  switch (code.kind) {
    case 'department-tree':
      return localize('{0} #{1} and sub-departments', label, code.id);
    case 'workgroup': {
      const role = code.workgroupRole;
      return `${label} #${code.id}${role === undefined ? '' : role === 'members' ? localize(': all members') : role === 'owner' ? localize(': owner') : localize(': moderators')}`;
    }
    default:
      return `${label} #${code.id}`;
  }
}

/** The kind of a code for icons and sorting; undefined when the code is not valid. */
export function accessCodeKind(code: string): AccessCodeKind | undefined {
  const r = parseAccessCode(code);
  return r.ok && r.value.code === code ? r.value.kind : undefined;
}

const KIND_ORDER: readonly AccessCodeKind[] = [
  'everyone',
  'all-authorised',
  'user-group',
  'department-tree',
  'department',
  'workgroup',
  'user',
  'intranet-user',
];

/** Orders codes broad to narrow (`UA`, `AU`, groups, departments, workgroups, users), then by id. */
export function compareAccessCodes(a: string, b: string): number {
  const pa = parseAccessCode(a);
  const pb = parseAccessCode(b);
  const rank = (r: AccessCodeResult) => (r.ok ? KIND_ORDER.indexOf(r.value.kind) : KIND_ORDER.length);
  const byKind = rank(pa) - rank(pb);
  if (byKind !== 0) return byKind;
  const ida = pa.ok ? (pa.value.id ?? 0) : 0;
  const idb = pb.ok ? (pb.value.id ?? 0) : 0;
  if (ida !== idb) return ida - idb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Codes that every signed-in user holds; a `denied` on one of them locks everyone out. */
export function coversEveryUser(code: string): boolean {
  return code === 'AU' || code === 'UA' || code === 'G2';
}

/**
 * A code with the name a reader knows it by — `U1 (Anna Smith)`, `D5 (Sales)`,
 * `AU (All authorised users)` — from the portal's `access.name` answer when it
 * has one, otherwise a generic description; an invalid code stays as it is.
 */
export function nameAccessCode(code: string, names?: ReadonlyMap<string, string>): string {
  const name = accessCodeName(code, names);
  return name ? `${code} (${name})` : code;
}

/** The name alone (`Anna Smith`), or a generic description; undefined for an invalid code. */
export function accessCodeName(code: string, names?: ReadonlyMap<string, string>): string | undefined {
  const name = names?.get(code);
  if (name) return name;
  const parsed = parseAccessCode(code);
  return parsed.ok ? describeAccessCode(parsed.value) : undefined;
}
