/**
 * The SCIM client against a real HTTP server that answers as Atlassian's API does when it rate-limits
 * and pages: back-off as Retry-After says, every page read, refusals in Atlassian's words.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ScimClient, ScimRefusal } from '../../../harness/scim-sync/scim-client.ts';

let server: Server;
let baseUrl: string;
let limitedFor = 0;
const seen: string[] = [];
const users = Array.from({ length: 230 }, (_, index) => ({ id: `u${index}`, userName: `user${index}@acme.example` }));

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
    if (limitedFor > 0) {
      limitedFor--;
      response.writeHead(429, { 'retry-after': '0' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://x');
    if (request.method === 'POST') {
      response.writeHead(409, { 'content-type': 'application/scim+json' }).end(
        JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'uniqueness', detail: 'Resource [USER]: with email[a@acme.example] already exists.' }),
      );
      return;
    }
    const start = Number(url.searchParams.get('startIndex') ?? '1');
    const count = Math.min(100, Number(url.searchParams.get('count') ?? '100'));
    const page = users.slice(start - 1, start - 1 + count);
    response.writeHead(200, { 'content-type': 'application/scim+json' }).end(JSON.stringify({ totalResults: users.length, startIndex: start, itemsPerPage: page.length, Resources: page }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/directory/d1`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the SCIM client', () => {
  test('reads every page of users, 100 at a time', async () => {
    const pages: number[] = [];
    const all = await new ScimClient({ baseUrl, token: 't0ken' }).listUsers((read) => pages.push(read));
    expect(all).toHaveLength(230);
    expect(pages).toEqual([100, 200, 230]);
  });

  test('waits as a rate limit says and tries again, then gives up after its retries', async () => {
    const waits: number[] = [];
    limitedFor = 2;
    expect(await new ScimClient({ baseUrl, token: 't0ken', onRateLimit: (ms) => waits.push(ms) }).listUsers()).toHaveLength(230);
    expect(waits).toEqual([0, 0]);
    limitedFor = 3;
    await expect(new ScimClient({ baseUrl, token: 't0ken', retries: 2, backOffMs: 1 }).listUsers()).rejects.toMatchObject({ status: 429 });
    limitedFor = 0;
  });

  test("a refusal carries Atlassian's words, and the key goes only into the Authorization header", async () => {
    const error = await new ScimClient({ baseUrl, token: 's3cret-key' }).createUser({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScimRefusal);
    expect(error).toMatchObject({ status: 409, scimType: 'uniqueness', detail: 'Resource [USER]: with email[a@acme.example] already exists.' });
    expect(String((error as Error).message)).not.toContain('s3cret-key');
    expect(seen.at(-1)).toBe('POST /scim/directory/d1/Users Bearer s3cret-key');
  });
});
