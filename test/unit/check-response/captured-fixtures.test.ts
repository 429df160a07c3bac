/** Every captured response, judged offline at its own IssueInstant, gets the verdict it got live. */
import { describe, expect, test } from 'vitest';
import { readCapturedResponse } from '../../../harness/response/captured-input.ts';
import { judgeCapturedResponse } from '../../../harness/response/judge-captured.ts';
import { capturedOptions, responseFixtures } from './fixtures.ts';

// Rules about the organization's own certificate have no element in the response to mark.
const unmarked = new Set(['SUCCESS', 'SP_CERTIFICATE_INVALID']);

describe('captured responses judged at their IssueInstant', () => {
  const fixtures = responseFixtures();

  test('the fixtures hold accepted and rejected responses', () => {
    expect(fixtures.filter((fixture) => fixture.outcome === 'accepted').length).toBeGreaterThanOrEqual(2);
    expect(fixtures.filter((fixture) => fixture.outcome === 'rejected').length).toBeGreaterThanOrEqual(8);
  });

  for (const fixture of fixtures) {
    test(`${fixture.outcome}/${fixture.name} gets ${fixture.capture.liveVerdict}, its failing parts marked`, () => {
      const verdict = judgeCapturedResponse(readCapturedResponse(fixture.samlResponse), fixture.org, { at: 'issue-instant', ...capturedOptions(fixture) });
      expect(verdict.code).toBe(fixture.capture.liveVerdict);
      expect(verdict.accepted).toBe(fixture.outcome === 'accepted');
      expect(verdict.judgedAt).toBe(new Date(verdict.response.issueInstant!).toISOString());
      const failing = verdict.rules.filter((rule) => rule.status === 'fail');
      if (fixture.outcome === 'accepted') {
        expect(failing).toEqual([]);
        expect(verdict.annotated.some((line) => line.includes('✗'))).toBe(false);
        return;
      }
      expect(failing[0]?.code).toBe(fixture.capture.liveVerdict);
      for (const rule of failing) {
        expect(rule.fix, rule.code).toBeTruthy();
        if (!unmarked.has(rule.code)) expect(verdict.annotated.some((line) => line.includes(`✗ ${rule.code}`)), rule.code).toBe(true);
      }
    });
  }
});
