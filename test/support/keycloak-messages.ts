/**
 * Keycloak's own English messages, read from a distribution: the admin console's (the properties bundle
 * from 24 on, the i18next JSON files before) and the login theme's.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';

function readZipEntries(file: string, wanted: (name: string) => boolean): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const found = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!wanted(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            found.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(found));
      zip.readEntry();
    });
  });
}

/** Message key → every English text it has in the console (the JSON bundles may repeat a key per page). */
export async function adminConsoleMessages(distributionHome: string): Promise<Map<string, Set<string>>> {
  const libDir = join(distributionHome, 'lib', 'lib', 'main');
  const jar = readdirSync(libDir).find((name) => /^org\.keycloak\.keycloak-admin-ui-[\d.]+\.jar$/.test(name));
  if (!jar) throw new Error(`no admin-ui jar in ${libDir}`);
  const files = await readZipEntries(
    join(libDir, jar),
    (name) => name.endsWith('/admin/messages/messages_en.properties') || (/\/resources\/en\/[^/]+\.json$/.test(name) && !name.includes('-help')),
  );
  const messages = new Map<string, Set<string>>();
  const add = (key: string, text: string) => (messages.get(key) ?? messages.set(key, new Set()).get(key)!).add(text);
  for (const [name, content] of files) {
    if (name.endsWith('.properties')) {
      for (const line of content.split('\n')) {
        const match = /^([A-Za-z0-9_.-]+)=(.*)$/.exec(line.trim());
        if (match) add(match[1]!, match[2]!.replace(/\\(.)/g, '$1'));
      }
    } else {
      const walk = (value: unknown, key?: string) => {
        if (typeof value === 'string' && key) add(key, value);
        else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
      };
      walk(JSON.parse(content));
    }
  }
  return messages;
}

/** Message key → English text of the login theme's bundle (theme/base/login/messages/messages_en.properties). */
export async function loginThemeMessages(distributionHome: string): Promise<Map<string, string>> {
  const libDir = join(distributionHome, 'lib', 'lib', 'main');
  const jar = readdirSync(libDir).find((name) => /^org\.keycloak\.keycloak-themes-[\d.]+\.jar$/.test(name));
  if (!jar) throw new Error(`no keycloak-themes jar in ${libDir}`);
  const files = await readZipEntries(join(libDir, jar), (name) => name === 'theme/base/login/messages/messages_en.properties');
  const messages = new Map<string, string>();
  for (const content of files.values()) {
    for (const line of content.split('\n')) {
      const match = /^([A-Za-z0-9_.-]+)=(.*)$/.exec(line.trim());
      // MessageFormat doubles a quote: Haven''t.
      if (match) messages.set(match[1]!, match[2]!.replace(/''/g, "'"));
    }
  }
  return messages;
}
