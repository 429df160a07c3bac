/**
 * One SCIM directory with Atlassian's rules. Users are tied to the organization's managed accounts by
 * primary email: creating a user links an existing account or creates one; DELETE deactivates it.
 */
import { randomUUID } from 'node:crypto';
import type { AccountBook, ManagedAccount } from '../state/account-book.ts';
import { notFound, ScimError } from './errors.ts';
import { applyPatch, parsePatchBody } from './patch.ts';
import { parseEqFilter, type EqFilter } from './query.ts';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  groupInputSchema,
  parseResource,
  primaryEmail,
  USER_SCHEMA,
  userInputSchema,
  type ScimGroupRecord,
  type ScimUserRecord,
  type UserInput,
} from './resources.ts';

/** What the directory needs from its organization. */
export interface DirectoryOwner {
  readonly accounts: AccountBook;
  verifiedDomains(): readonly string[];
  readonly defaultPolicyEnforcesSso: boolean;
}

const KNOWN_USER_KEYS = new Set(['schemas', 'id', 'meta', 'groups', 'userName', 'externalId', 'name', 'displayName', 'active', 'emails']);

export class ScimDirectory {
  private readonly users = new Map<string, ScimUserRecord>();
  private readonly groups = new Map<string, ScimGroupRecord>();

  constructor(
    readonly id: string,
    private readonly owner: DirectoryOwner,
  ) {}

  // ---- users

  listUsers(filter: string | undefined): ScimUserRecord[] {
    const eq = parseEqFilter(filter, ['userName', 'externalId']);
    return [...this.users.values()].filter((user) => eq === undefined || userMatches(user, eq));
  }

  getUser(id: string): ScimUserRecord {
    const user = this.users.get(id);
    if (user === undefined) throw notFound('User', id);
    return user;
  }

  createUser(body: unknown): ScimUserRecord {
    const input = parseResource(userInputSchema, body);
    const now = new Date().toISOString();
    const user: ScimUserRecord = { id: randomUUID(), ...fromInput(input), created: now, lastModified: now };
    this.checkUser(user, undefined);
    this.linkAccount(user, undefined);
    this.users.set(user.id, user);
    return user;
  }

  replaceUser(id: string, body: unknown): ScimUserRecord {
    const existing = this.getUser(id);
    const input = parseResource(userInputSchema, body);
    const user: ScimUserRecord = {
      id: existing.id,
      created: existing.created,
      ...fromInput(input),
      lastModified: new Date().toISOString(),
    };
    this.checkUser(user, existing);
    this.linkAccount(user, existing);
    this.users.set(id, user);
    return user;
  }

  patchUser(id: string, body: unknown): ScimUserRecord {
    const patched = applyPatch(userJson(this.getUser(id)), parsePatchBody(body));
    return this.replaceUser(id, patched);
  }

  deleteUser(id: string): void {
    const user = this.getUser(id);
    const account = this.owner.accounts.get(primaryEmail(user));
    if (account?.scimUserId === id) {
      account.active = false;
      delete account.scimUserId;
    }
    this.users.delete(id);
    for (const group of this.groups.values()) group.members = group.members.filter((member) => member !== id);
  }

  groupsOf(userId: string): ScimGroupRecord[] {
    return [...this.groups.values()].filter((group) => group.members.includes(userId));
  }

  private checkUser(user: ScimUserRecord, existing: ScimUserRecord | undefined): void {
    const email = primaryEmail(user);
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (!this.owner.verifiedDomains().includes(domain)) {
      throw new ScimError(400, `The email ${email} is not on a verified domain of this organization.`, 'invalidValue');
    }
    for (const other of this.users.values()) {
      if (other.id === existing?.id) continue;
      if (other.userName.toLowerCase() === user.userName.toLowerCase()) {
        throw new ScimError(409, `A user with userName ${user.userName} already exists.`, 'uniqueness');
      }
      if (user.externalId !== undefined && other.externalId === user.externalId) {
        throw new ScimError(409, `A user with externalId ${user.externalId} already exists.`, 'uniqueness');
      }
      if (primaryEmail(other) === email) {
        // Atlassian's own words (cloudkb: "user provisioning failing … already exists").
        throw new ScimError(409, `Resource [USER]: with email[${email}] already exists.`, 'uniqueness');
      }
    }
    const account = this.owner.accounts.get(email);
    if (account?.scimUserId !== undefined && account.scimUserId !== existing?.id) {
      throw new ScimError(409, `The account ${email} is already linked to another SCIM user.`, 'uniqueness');
    }
  }

  /** Creates or links the managed account and carries the user's state over to it. */
  private linkAccount(user: ScimUserRecord, existing: ScimUserRecord | undefined): void {
    const accounts = this.owner.accounts;
    const email = primaryEmail(user);
    let account: ManagedAccount | undefined = accounts.get(email);
    const previous = existing && accounts.get(primaryEmail(existing));
    if (account === undefined && previous?.scimUserId === user.id) {
      accounts.rename(previous, email);
      account = previous;
    }
    if (previous !== undefined && previous !== account && previous.scimUserId === user.id) delete previous.scimUserId;
    account ??= accounts.add({ email, active: user.active, ssoEnforced: this.owner.defaultPolicyEnforcesSso, source: 'scim' });
    account.scimUserId = user.id;
    account.active = user.active;
    if (user.name?.givenName !== undefined) account.givenName = user.name.givenName;
    if (user.name?.familyName !== undefined) account.familyName = user.name.familyName;
  }

  // ---- groups

  listGroups(filter: string | undefined): ScimGroupRecord[] {
    const eq = parseEqFilter(filter, ['displayName', 'externalId']);
    return [...this.groups.values()].filter(
      (group) => eq === undefined || (eq.attribute === 'displayName' ? group.displayName.toLowerCase() === eq.value.toLowerCase() : group.externalId === eq.value),
    );
  }

  getGroup(id: string): ScimGroupRecord {
    const group = this.groups.get(id);
    if (group === undefined) throw notFound('Group', id);
    return group;
  }

  createGroup(body: unknown): ScimGroupRecord {
    const input = parseResource(groupInputSchema, body);
    if ([...this.groups.values()].some((group) => group.displayName.toLowerCase() === input.displayName.toLowerCase())) {
      throw new ScimError(409, `A group named ${input.displayName} already exists.`, 'uniqueness');
    }
    const now = new Date().toISOString();
    const group: ScimGroupRecord = {
      id: randomUUID(),
      displayName: input.displayName,
      ...(input.externalId === undefined ? {} : { externalId: input.externalId }),
      members: this.memberIds(input.members),
      created: now,
      lastModified: now,
    };
    this.groups.set(group.id, group);
    return group;
  }

  replaceGroup(id: string, body: unknown): ScimGroupRecord {
    const existing = this.getGroup(id);
    const input = parseResource(groupInputSchema, body);
    if (input.displayName !== existing.displayName) {
      throw new ScimError(400, `A group's displayName cannot change (it is ${existing.displayName}).`, 'mutability');
    }
    const group: ScimGroupRecord = {
      id: existing.id,
      displayName: existing.displayName,
      created: existing.created,
      ...(input.externalId === undefined ? {} : { externalId: input.externalId }),
      members: this.memberIds(input.members),
      lastModified: new Date().toISOString(),
    };
    this.groups.set(id, group);
    return group;
  }

  patchGroup(id: string, body: unknown): ScimGroupRecord {
    const patched = applyPatch(groupJson(this.getGroup(id), () => undefined), parsePatchBody(body));
    return this.replaceGroup(id, patched);
  }

  deleteGroup(id: string): void {
    this.getGroup(id);
    this.groups.delete(id);
  }

  private memberIds(members: readonly { value: string }[]): string[] {
    const ids = [...new Set(members.map((member) => member.value))];
    const unknown = ids.find((memberId) => !this.users.has(memberId));
    if (unknown !== undefined) throw new ScimError(400, `Member ${unknown} is not a user of this directory.`, 'invalidValue');
    return ids;
  }

  displayNameOf(id: string): string | undefined {
    return this.users.get(id)?.displayName;
  }
}

function userMatches(user: ScimUserRecord, eq: EqFilter): boolean {
  // userName is case-insensitive in SCIM (caseExact false); externalId is case-exact.
  return eq.attribute === 'userName' ? user.userName.toLowerCase() === eq.value.toLowerCase() : user.externalId === eq.value;
}

function fromInput(input: UserInput): Omit<ScimUserRecord, 'id' | 'created' | 'lastModified'> {
  const other: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (!KNOWN_USER_KEYS.has(key)) other[key] = value;
  const fullName = [input.name?.givenName, input.name?.familyName].filter((part) => part !== undefined && part.trim() !== '').join(' ');
  // Atlassian builds the display name from given and family names when none is sent.
  const displayName = input.displayName?.trim() || fullName || input.userName;
  return {
    userName: input.userName,
    ...(input.externalId === undefined ? {} : { externalId: input.externalId }),
    ...(input.name === undefined ? {} : { name: { ...input.name, ...(fullName ? { formatted: fullName } : {}) } }),
    displayName,
    emails: input.emails.map(({ value, type, primary }) => ({
      value,
      ...(type === undefined ? {} : { type }),
      ...(primary === undefined ? {} : { primary }),
    })),
    active: input.active,
    other,
  };
}

/** The JSON a client sees (meta and groups added by the caller that knows the URLs). */
export function userJson(user: ScimUserRecord): Record<string, unknown> {
  const schemas = [USER_SCHEMA, ...(ENTERPRISE_USER_SCHEMA in user.other ? [ENTERPRISE_USER_SCHEMA] : [])];
  return {
    schemas,
    id: user.id,
    userName: user.userName,
    ...(user.externalId === undefined ? {} : { externalId: user.externalId }),
    ...(user.name === undefined ? {} : { name: user.name }),
    displayName: user.displayName,
    emails: user.emails,
    active: user.active,
    ...user.other,
  };
}

export function groupJson(group: ScimGroupRecord, display: (userId: string) => string | undefined): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA],
    id: group.id,
    displayName: group.displayName,
    ...(group.externalId === undefined ? {} : { externalId: group.externalId }),
    members: group.members.map((value) => {
      const name = display(value);
      return name === undefined ? { value } : { value, display: name };
    }),
  };
}
