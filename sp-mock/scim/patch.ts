/**
 * SCIM PATCH (RFC 7644 §3.5.2) applied to a resource's JSON: the result is then validated as a whole
 * replacement, so PATCH and PUT share one set of rules.
 */
import { z } from 'zod';
import { ScimError } from './errors.ts';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const patchBodySchema = z.looseObject({
  schemas: z.array(z.string()).refine((schemas) => schemas.includes(PATCH_OP_SCHEMA), `must include ${PATCH_OP_SCHEMA}`),
  Operations: z
    .array(
      z.looseObject({
        op: z.string().transform((op) => op.toLowerCase()).pipe(z.enum(['add', 'replace', 'remove'])),
        path: z.string().optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1),
});

export type PatchOperation = z.output<typeof patchBodySchema>['Operations'][number];

export function parsePatchBody(body: unknown): PatchOperation[] {
  const parsed = patchBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ScimError(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`, 'invalidSyntax');
  }
  return parsed.data.Operations;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Entra ID sends booleans as "True"/"False". */
function normalise(value: unknown): unknown {
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return value;
}

interface Path {
  /** Attribute names from the resource root, e.g. ["name", "givenName"]. */
  readonly attributes: readonly string[];
  /** For `emails[type eq "work"].value`: the filter on the array named by `attributes`. */
  readonly filter?: { readonly attribute: string; readonly value: string };
  readonly subAttribute?: string;
}

const FILTERED = /^([\w$]+)\[\s*([\w.]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\](?:\.([\w$]+))?$/i;

function parsePath(path: string): Path {
  if (path.startsWith('urn:')) {
    // An extension attribute: the schema URN, then ":attribute".
    const at = path.lastIndexOf(':');
    return { attributes: [path.slice(0, at), path.slice(at + 1)] };
  }
  const filtered = FILTERED.exec(path);
  if (filtered !== null) {
    const [, attribute = '', filterAttribute = '', value = '', subAttribute] = filtered;
    return {
      attributes: [attribute],
      filter: { attribute: filterAttribute, value: value.replace(/\\(.)/g, '$1') },
      ...(subAttribute === undefined ? {} : { subAttribute }),
    };
  }
  if (!/^[\w$]+(\.[\w$]+)?$/.test(path)) throw new ScimError(400, `Unsupported path ${JSON.stringify(path)}`, 'invalidPath');
  return { attributes: path.split('.') };
}

/** Finds the key of `object` that matches `name` case-insensitively (SCIM attribute names are). */
function keyOf(object: Json, name: string): string {
  return Object.keys(object).find((candidate) => candidate.toLowerCase() === name.toLowerCase()) ?? name;
}

function container(resource: Json, attributes: readonly string[]): { parent: Json; key: string } {
  let parent = resource;
  for (const name of attributes.slice(0, -1)) {
    const key = keyOf(parent, name);
    if (!isObject(parent[key])) parent[key] = {};
    parent = parent[key] as Json;
  }
  return { parent, key: keyOf(parent, attributes[attributes.length - 1] ?? '') };
}

function applyFiltered(resource: Json, path: Path, op: PatchOperation): void {
  const { parent, key } = container(resource, path.attributes);
  const filter = path.filter;
  if (filter === undefined) return;
  const list = Array.isArray(parent[key]) ? (parent[key] as unknown[]) : [];
  const matches = (item: unknown) =>
    isObject(item) && String(normalise(item[keyOf(item, filter.attribute)])) === String(normalise(filter.value));
  if (op.op === 'remove') {
    parent[key] = path.subAttribute === undefined
      ? list.filter((item) => !matches(item))
      : list.map((item) => {
          if (!matches(item) || !isObject(item)) return item;
          const { [keyOf(item, path.subAttribute ?? '')]: _removed, ...rest } = item;
          return rest;
        });
    return;
  }
  const found = list.filter(matches);
  if (found.length === 0) {
    const created: Json = { [filter.attribute]: normalise(filter.value) };
    if (path.subAttribute === undefined && isObject(op.value)) Object.assign(created, op.value);
    else if (path.subAttribute !== undefined) created[path.subAttribute] = normalise(op.value);
    list.push(created);
  }
  for (const item of found) {
    if (!isObject(item)) continue;
    if (path.subAttribute === undefined && isObject(op.value)) Object.assign(item, op.value);
    else if (path.subAttribute !== undefined) item[keyOf(item, path.subAttribute)] = normalise(op.value);
  }
  parent[key] = list;
}

/** Applies the operations to a copy of `resource`. */
export function applyPatch(resource: Json, operations: readonly PatchOperation[]): Json {
  const result = structuredClone(resource);
  for (const op of operations) {
    if (op.path === undefined || op.path === '') {
      if (op.op === 'remove') throw new ScimError(400, 'remove needs a path', 'noTarget');
      if (!isObject(op.value)) throw new ScimError(400, `${op.op} without a path needs an object value`, 'invalidValue');
      for (const [name, value] of Object.entries(op.value)) {
        const { parent, key } = container(result, name.startsWith('urn:') ? [name] : name.split('.'));
        parent[key] = isObject(value) && isObject(parent[key]) ? { ...(parent[key] as Json), ...value } : normalise(value);
      }
      continue;
    }
    const path = parsePath(op.path);
    if (path.filter !== undefined) {
      applyFiltered(result, path, op);
      continue;
    }
    const { parent, key } = container(result, path.attributes);
    if (op.op === 'remove') {
      if (Array.isArray(parent[key]) && Array.isArray(op.value)) {
        const removed = new Set(op.value.map((item) => (isObject(item) ? String(item.value) : String(item))));
        parent[key] = (parent[key] as unknown[]).filter((item) => !(isObject(item) && removed.has(String(item.value))));
      } else {
        delete parent[key];
      }
    } else if (op.op === 'add' && Array.isArray(parent[key]) && Array.isArray(op.value)) {
      parent[key] = [...(parent[key] as unknown[]), ...op.value];
    } else {
      parent[key] = isObject(op.value) && isObject(parent[key]) ? { ...(parent[key] as Json), ...op.value } : normalise(op.value);
    }
  }
  return result;
}
