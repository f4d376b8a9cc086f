import { describe, expect, it } from 'vitest';
import { countReport, formatSummary, summarize } from './test-summary.mjs';

type Status = 'passed' | 'failed' | 'skipped' | 'pending' | 'todo';

/** A Vitest JSON report of files, each a file status and its tests' statuses. */
function report(files: Array<[status: 'passed' | 'failed', tests: Status[], message?: string]>) {
  const tests = files.flatMap(([, statuses]) => statuses);
  const count = (status: Status) => tests.filter((s) => s === status).length;
  return {
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('skipped') + count('pending'),
    numTodoTests: count('todo'),
    success: files.every(([status]) => status === 'passed'),
    testResults: files.map(([status, statuses, message], i) => ({
      name: `/repo/file-${i}.test.ts`,
      status,
      message: message ?? '',
      assertionResults: statuses.map((s, j) => ({ status: s, fullName: `test ${j}` })),
    })),
  };
}

const closingLine = (args: string[], reports: Record<string, unknown>) =>
  formatSummary(summarize(args, (path) => (path in reports ? JSON.stringify(reports[path]) : undefined))).at(
    -1,
  );

describe('the test summary', () => {
  it('counts passed and failed tests', () => {
    const counted = countReport(report([['failed', ['passed', 'failed', 'passed']]]), 1);
    expect(counted).toMatchObject({ passed: 2, failed: 1, skipped: 0 });
  });

  it('says why a test failed: the first line of its error and where in its file it was thrown', () => {
    const failed = report([['failed', ['failed']]]);
    const [file] = failed.testResults;
    if (!file) throw new Error('the report has no file');
    file.assertionResults[0] = {
      status: 'failed',
      fullName: 'test 0',
      failureMessages: [
        'AssertionError: expected 14 to be greater than or equal to 15\n' +
          '    at /repo/node_modules/vitest/x.js:1:1\n    at /repo/file-0.test.ts:48:21\n',
      ],
    } as never;
    expect(countReport(failed, 1).problems).toEqual([
      'failed: test 0 (/repo/file-0.test.ts)',
      '  AssertionError: expected 14 to be greater than or equal to 15',
      '  at /repo/file-0.test.ts:48:21',
    ]);
  });

  it('counts a file whose beforeAll failed although Vitest marks its tests skipped', () => {
    const counted = countReport(
      report([
        ['passed', ['passed']],
        ['failed', ['passed', 'skipped', 'skipped']],
      ]),
    );
    expect(counted).toMatchObject({ passed: 2, failed: 1, skipped: 2 });
    expect(counted.problems[0]).toContain('file-1.test.ts');
  });

  it('counts a file that failed to load, with the first line of its error', () => {
    const counted = countReport(report([['failed', [], 'Cannot find module x\n  at somewhere']]));
    expect(counted).toMatchObject({ passed: 0, failed: 1 });
    expect(counted.problems).toEqual([expect.stringMatching(/Cannot find module x$/)]);
  });

  it('counts a run that failed or exited non-zero while every file passed', () => {
    expect(countReport({ ...report([['passed', ['passed']]]), success: false }).failed).toBe(1);
    expect(countReport(report([['passed', ['passed']]]), 1).failed).toBe(1);
    expect(countReport(report([['passed', ['passed']]]), 0).failed).toBe(0);
  });

  it('sums several runs and counts a failed step and a missing report', () => {
    const reports = {
      'node20.json': report([['passed', ['passed', 'passed', 'skipped']]]),
      'node24.json': report([['failed', ['passed', 'failed']]]),
    };
    expect(closingLine(['node20.json=0', 'node24.json=1'], reports)).toBe('3 passed, 1 failed');
    expect(closingLine(['node20.json=0', '--step', 'check=0'], reports)).toBe('2 passed, 0 failed');
    expect(closingLine(['node20.json=0', '--step', 'check=2'], reports)).toBe('2 passed, 1 failed');
    expect(closingLine(['node20.json=0', 'missing.json=1'], reports)).toBe('2 passed, 1 failed');
  });

  it('ends with the closing line after the problems and the skipped count', () => {
    const lines = formatSummary(
      summarize(['a.json'], () => JSON.stringify(report([['failed', ['skipped']]]))),
    );
    expect(lines).toEqual([expect.stringContaining('file-0.test.ts'), '1 skipped', '0 passed, 1 failed']);
  });
});
