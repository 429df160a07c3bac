/** The time checks are judged now, at the response's own IssueInstant, or at a time given. */
import { describe, expect, test } from 'vitest';
import { parseJudgeTime } from '../../../harness/commands/check-response.ts';
import { readCapturedResponse } from '../../../harness/response/captured-input.ts';
import { judgeCapturedResponse, type JudgeTime } from '../../../harness/response/judge-captured.ts';
import { capturedOptions, responseFixture } from './fixtures.ts';

const happy = responseFixture('happy-path');
const capturedAt = new Date(happy.capture.capturedAt);
const judge = (at: JudgeTime, now: Date) =>
  judgeCapturedResponse(readCapturedResponse(happy.samlResponse), happy.org, { at, now, ...capturedOptions(happy) });

describe('when a captured response is judged', () => {
  test('now, right after the capture, it is accepted', () => {
    expect(judge('now', capturedAt).code).toBe('SUCCESS');
  });

  test('now, a day after the capture, it has expired, and the verdict points at --at issue-instant', () => {
    const verdict = judge('now', new Date(capturedAt.getTime() + 24 * 60 * 60_000));
    expect(verdict.code).toBe('SP_ASSERTION_EXPIRED');
    expect(verdict.judgedAtSource).toBe('now');
    expect(verdict.hints.join(' ')).toContain('--at issue-instant');
  });

  test('at its IssueInstant, whatever the clock says, it is accepted', () => {
    const verdict = judge('issue-instant', new Date('2030-01-01T00:00:00Z'));
    expect(verdict.code).toBe('SUCCESS');
    expect(verdict.judgedAtSource).toBe('issue-instant');
    expect(verdict.hints).toEqual([]);
  });

  test('at a time given, ten minutes after the capture, it has expired', () => {
    expect(judge(new Date(capturedAt.getTime() + 10 * 60_000), capturedAt).code).toBe('SP_ASSERTION_EXPIRED');
  });

  test('at a time given, ten minutes before the capture, it is not valid yet', () => {
    expect(judge(new Date(capturedAt.getTime() - 10 * 60_000), capturedAt).code).toBe('SP_ASSERTION_NOT_YET_VALID');
  });

  test('--at takes now, issue-instant and ISO times, and refuses anything else as USAGE', () => {
    expect(parseJudgeTime(undefined)).toBe('now');
    expect(parseJudgeTime('now')).toBe('now');
    expect(parseJudgeTime('issue-instant')).toBe('issue-instant');
    expect(parseJudgeTime('2026-11-28T10:00:00Z')).toEqual(new Date('2026-11-28T10:00:00Z'));
    expect(() => parseJudgeTime('yesterday')).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => parseJudgeTime('2026-13-45T99:00:00Z')).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  test('a response without a readable IssueInstant is judged now, and says so', () => {
    const verdict = judgeCapturedResponse(readCapturedResponse('not a response'), happy.org, { at: 'issue-instant', now: capturedAt, keycloakVersion: '26.7.3' });
    expect(verdict.code).toBe('SP_BAD_ENCODING');
    expect(verdict.judgedAt).toBe(capturedAt.toISOString());
    expect(verdict.hints.join(' ')).toContain('no readable IssueInstant');
  });
});
