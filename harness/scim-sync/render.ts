/** A sync's plan and what came of it, as a table for people and as JSON for tools. No secret is in either. */
import type { PlannedChange } from './plan.ts';
import type { SyncResult } from './sync.ts';

function row(change: PlannedChange): [string, string, string, string] {
  switch (change.action) {
    case 'create':
      return ['create', change.user.username, change.user.userName, `active ${change.user.active}`];
    case 'update':
      return ['update', change.user.username, change.user.userName, change.changes.map((c) => `${c.field}: ${c.from || '(none)'} → ${c.to || '(none)'}`).join('; ')];
    case 'unchanged':
      return ['unchanged', change.user.username, change.user.userName, ''];
    case 'deactivate':
      return ['deactivate', '(not in Keycloak)', change.userName, `externalId ${change.externalId}`];
    case 'skip':
      return ['skip', change.username, '', change.reason];
  }
}

export function renderSync(result: SyncResult, target: { realm: string; scimUrl: string; dryRun: boolean }): string[] {
  const { counts } = result.plan;
  const lines = [
    `Plan for realm ${target.realm} → ${target.scimUrl}: ${counts.create} to create, ${counts.update} to update, ${counts.deactivate} to deactivate, ${counts.unchanged} unchanged, ${counts.skip} skipped`,
  ];
  const rows = result.plan.changes.map(row);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((r) => r[column]!.length), 0));
  for (const r of rows) lines.push(`  ${r.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ')}`.trimEnd());
  if (target.dryRun) {
    lines.push('Dry run: nothing was sent to Atlassian.');
  } else {
    const refused = (result.applied ?? []).filter((applied) => applied.refused);
    lines.push(`Applied ${(result.applied ?? []).length - refused.length} change(s)${refused.length ? `; Atlassian refused ${refused.length}:` : '.'}`);
    for (const { change, refused: why } of refused) lines.push(`  ✗ ${row(change)[2] || row(change)[1]}: HTTP ${why!.status} ${why!.detail}`);
  }
  return lines;
}

export function syncJson(result: SyncResult, target: { realm: string; scimUrl: string; dryRun: boolean }): unknown {
  return {
    realm: target.realm,
    scimUrl: target.scimUrl,
    dryRun: target.dryRun,
    nameIdAttribute: result.nameIdAttribute,
    counts: result.plan.counts,
    changes: result.plan.changes,
    ...(result.applied ? { refused: result.applied.filter((a) => a.refused).map((a) => ({ ...a.refused, change: a.change })) } : {}),
  };
}
