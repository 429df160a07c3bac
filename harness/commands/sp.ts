/** `saml-harness sp start`: the mock Atlassian SP on its own, for any IdP to be pointed at. */
import type { Output } from '../cli/output.ts';
import { startSpMock } from '../../sp-mock/index.ts';

export async function spStart(options: { port?: number; host?: string; publicUrl?: string }, output: Output, until: () => Promise<unknown>): Promise<void> {
  const sp = await startSpMock({
    ...(options.port ? { port: options.port } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  output.print(`sp-mock (mock Atlassian Cloud SP) listening at ${sp.url}`);
  output.print(`  create an organization: curl -X POST ${sp.url}/admin/organizations -H 'content-type: application/json' -d @org.json`);
  output.print('  the admin API and SCIM are described in sp-mock/README.md');
  output.note('Press Ctrl-C to stop it.');
  try {
    await until();
  } finally {
    await sp.stop();
    output.note('Stopped.');
  }
}
