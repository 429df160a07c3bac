/**
 * Keycloak's event log lines: its jboss-logging event listener (on in every realm by default) writes each
 * failed login step as a WARN line of the `org.keycloak.events` category,
 * `type=LOGIN_ERROR, realmId=…, clientId=…, error=user_disabled, …` (values quoted from Keycloak 24 on).
 * The error there is Keycloak's own reason, also where the page the user saw says less.
 */
import type KeycloakAdminClient from '@keycloak/keycloak-admin-client';
import type { ServerLog } from '../process/server-log.ts';

export interface KeycloakEvent {
  type: string;
  realmId?: string;
  realmName?: string;
  clientId?: string;
  userId?: string;
  error?: string;
  /** The line as Keycloak wrote it. */
  line: string;
}

const category = '[org.keycloak.events]';

export function parseEventLine(line: string): KeycloakEvent | undefined {
  const at = line.indexOf(category);
  if (at < 0) return undefined;
  const fields = new Map<string, string>();
  for (const match of line.slice(at + category.length).matchAll(/([A-Za-z_]+)=("(?:[^"\\]|\\.)*"|[^,\s]*)/g)) {
    const raw = match[2]!;
    fields.set(match[1]!, raw.startsWith('"') ? raw.slice(1, -1) : raw);
  }
  const type = fields.get('type');
  if (!type) return undefined;
  const field = (name: string) => {
    const value = fields.get(name);
    return value && value !== 'null' ? { [name]: value } : {};
  };
  return { type, ...field('realmId'), ...field('realmName'), ...field('clientId'), ...field('userId'), ...field('error'), line: line.trim() };
}

/**
 * The error events of one realm among the log's last lines, oldest first. Keycloak may write the line
 * just after it answers, so an empty read is tried again shortly.
 */
export async function realmErrorEvents(log: ServerLog, admin: KeycloakAdminClient, realm: string, lines = 400): Promise<KeycloakEvent[]> {
  const id = (await admin.realms.findOne({ realm }))?.id;
  for (let attempt = 0; ; attempt++) {
    const events: KeycloakEvent[] = [];
    for (const line of await log.lastLines(lines)) {
      const event = parseEventLine(line);
      if (event?.error && (event.realmName === realm || event.realmId === realm || (id !== undefined && event.realmId === id))) events.push(event);
    }
    if (events.length || attempt === 2) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
