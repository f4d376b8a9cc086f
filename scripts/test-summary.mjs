// Prints Vitest's JSON report as the single closing line CI reads: `N passed, N failed`.
import { existsSync, readFileSync } from 'node:fs';

const reportPath = process.argv[2] ?? 'test-results/vitest.json';
if (!existsSync(reportPath)) {
  console.log('0 passed, 1 failed');
  console.error(`no test report at ${reportPath}: the checks or the test run stopped before it was written`);
  process.exit(0);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const failedSuites = report.testResults.filter(
  (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
).length;
const failed = report.numFailedTests + failedSuites;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
