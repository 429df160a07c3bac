/** A response is read however it was captured: base64 (wrapped or not), URL-encoded, a form body, or XML. */
import { describe, expect, test } from 'vitest';
import { prettyXml } from '../../../sp-mock/index.ts';
import { capturedXml, readCapturedResponse } from '../../../harness/response/captured-input.ts';
import { judgeCapturedResponse } from '../../../harness/response/judge-captured.ts';
import { capturedOptions, responseFixture } from './fixtures.ts';

const happy = responseFixture('happy-path');
const base64 = happy.samlResponse;
const xml = Buffer.from(base64, 'base64').toString('utf8');
const judge = (text: string) => judgeCapturedResponse(readCapturedResponse(text), happy.org, { at: 'issue-instant', ...capturedOptions(happy) });

describe('forms a captured response comes in', () => {
  const forms = [
    ['base64, as the POST form carries it', base64, 'base64'],
    ['base64 wrapped at 76 characters, with a trailing newline', `${base64.match(/.{1,76}/g)!.join('\n')}\n`, 'base64'],
    ['URL-encoded base64', encodeURIComponent(base64), 'url-encoded'],
    ['a form body with RelayState', `SAMLResponse=${encodeURIComponent(base64)}&RelayState=${encodeURIComponent('https://acme.atlassian.net')}`, 'form'],
    ["the developer tools' parsed form line", `SAMLResponse: ${base64}`, 'form'],
    ['a form body whose + were left unescaped (never read as spaces)', `SAMLResponse=${base64.replace(/\//g, '%2F').replace(/=/g, '%3D')}`, 'form'],
    ['the XML exactly as decoded', xml, 'xml'],
  ] as const;

  for (const [description, text, form] of forms) {
    test(`${description} is read as ${form} and accepted`, () => {
      const captured = readCapturedResponse(text);
      expect(captured.form).toBe(form);
      expect(capturedXml(captured)).toBe(xml);
      const verdict = judge(text);
      expect(verdict.code).toBe('SUCCESS');
      expect(verdict.form).toBe(form);
    });
  }

  test('the RelayState of a form body is kept', () => {
    expect(readCapturedResponse(`SAMLResponse=${encodeURIComponent(base64)}&RelayState=https%3A%2F%2Facme.atlassian.net`).relayState).toBe('https://acme.atlassian.net');
  });

  test('re-indented XML no longer verifies, and the verdict says to capture the base64 instead', () => {
    const verdict = judge(prettyXml(xml));
    expect(verdict.code).toBe('SP_SIGNATURE_INVALID');
    expect(verdict.hints.join(' ')).toContain('Capture the base64 SAMLResponse');
  });

  test('text that is neither base64 nor XML is SP_BAD_ENCODING, with nothing to show', () => {
    const verdict = judge('bm90IFhNTA==');
    expect(verdict.code).toBe('SP_BAD_ENCODING');
    expect(verdict.annotated).toEqual([]);
  });
});
