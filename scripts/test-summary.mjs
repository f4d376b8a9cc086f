// Prints the single closing line CI reads, `N passed, N failed`, over one or more Vitest JSON reports
// and the exit statuses of the steps around them.
//
//   node scripts/test-summary.mjs [REPORT[=STATUS]]... [--step NAME=STATUS]...
//
// REPORT is a Vitest JSON report and STATUS the exit status of the run that wrote it; a `--step` is a
// command without a report (the checks, an install). Every failure counts: a failed test, a suite whose
// hook or import failed (Vitest then marks its tests skipped, not failed), a run that exited non-zero
// or wrote no report, a step that exited non-zero. Exits 1 when anything failed.
//
// An unhandled error fails a run whose JSON report says success; when the run's output was saved beside
// its report (`vitest.json` → `vitest.log`), the errors it names are printed with the closing line.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Counts one Vitest JSON report. `status` is the exit status of the run (undefined when unknown).
 * @returns {{ passed: number, failed: number, skipped: number, problems: string[] }}
 */
export function countReport(report, status, log) {
  const problems = [];
  let failed = 0;
  for (const suite of report.testResults ?? []) {
    const failedTests = suite.assertionResults.filter((test) => test.status === 'failed');
    failed += failedTests.length;
    for (const test of failedTests) {
      problems.push(`failed: ${test.fullName} (${suite.name})`, ...failureLines(test, suite.name));
    }
    // A failed file without a failed test: its import, collection or a beforeAll/afterAll hook failed.
    if (suite.status === 'failed' && failedTests.length === 0) {
      failed++;
      problems.push(`failed outside any test: ${suite.name}: ${firstLine(suite.message)}`);
    }
  }
  // Vitest knows of failures the files do not show (an unhandled error, no test files at all).
  if (failed === 0 && report.success === false) {
    failed++;
    problems.push('the run failed although no test did (an unhandled error, or no tests found)');
  }
  if (failed === 0 && status !== undefined && status !== 0) {
    failed++;
    problems.push(`the run exited with status ${status} although its report shows no failure`);
    if (log !== undefined) problems.push(...unhandledErrors(log).map((line) => `  ${line}`));
  }
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return { passed: report.numPassedTests ?? 0, failed, skipped, problems };
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const ERROR_BANNER = /⎯ (Unhandled Rejection|Unhandled Error|Uncaught Exception) ⎯/;
const ERROR_END = /^⎯+$/;

/**
 * The unhandled errors a Vitest run printed, a few lines each: the banner, the error, where it was
 * thrown, and the test file that was running.
 */
export function unhandledErrors(log) {
  const lines = log.replace(ANSI, '').split('\n');
  const found = [];
  for (let i = 0; i < lines.length; i++) {
    if (!ERROR_BANNER.test(lines[i])) continue;
    const block = [];
    let thrownAt = false;
    for (let j = i + 1; j < lines.length && !ERROR_END.test(lines[j].trim()); j++) {
      if (ERROR_BANNER.test(lines[j])) break;
      const line = lines[j].trim();
      const isFrame = line.startsWith('❯') && !line.includes('node_modules');
      if (
        (line && block.length === 0) ||
        (isFrame && !thrownAt) ||
        line.startsWith('This error originated')
      ) {
        block.push(line);
      }
      thrownAt ||= isFrame;
    }
    found.push(lines[i].replace(/⎯/g, '').trim(), ...block.map((line) => `  ${line}`));
  }
  return found;
}

/**
 * Why a test failed, in two lines at most: the first line of its error and where in its own file it
 * was thrown (CI shows only the end of the output, so the closing lines must say it).
 */
export function failureLines(test, file) {
  const message = (test.failureMessages ?? [])[0];
  if (!message) return [];
  const lines = message.replace(ANSI, '').split('\n');
  const error = lines.find((line) => line.trim() !== '')?.trim() ?? '';
  const frame = lines.find((line) => line.includes(file))?.trim();
  return [`  ${error.slice(0, 300)}`, ...(frame ? [`  ${frame.slice(0, 300)}`] : [])];
}

function firstLine(text) {
  return (text || 'a describe block or its beforeAll/afterAll hook failed').split('\n')[0];
}

/**
 * Sums the runs and steps given on the command line.
 * @param {string[]} args
 * @param {(path: string) => string | undefined} read the text of a report, undefined when it is missing
 */
export function summarize(args, read) {
  const total = { passed: 0, failed: 0, skipped: 0, problems: [] };
  const runs = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--step') {
      const [name, status] = splitStatus(args[++i] ?? '');
      if (status === undefined) throw new Error(`--step needs NAME=STATUS, not '${args[i]}'`);
      if (status !== 0) {
        total.failed++;
        total.problems.push(`step '${name}' exited with status ${status}`);
      }
    } else {
      runs.push(splitStatus(arg));
    }
  }
  if (runs.length === 0 && !args.includes('--step')) runs.push(['test-results/vitest.json', undefined]);
  for (const [path, status] of runs) {
    const text = read(path);
    const counted =
      text === undefined
        ? {
            passed: 0,
            failed: 1,
            skipped: 0,
            problems: [`no test report at ${path}: the run stopped before writing it`],
          }
        : countReport(JSON.parse(text), status, read(path.replace(/\.json$/, '.log')));
    total.passed += counted.passed;
    total.failed += counted.failed;
    total.skipped += counted.skipped;
    total.problems.push(...counted.problems.map((problem) => `${path}: ${problem}`));
  }
  return total;
}

function splitStatus(arg) {
  const at = arg.lastIndexOf('=');
  if (at < 0) return [arg, undefined];
  const status = Number(arg.slice(at + 1));
  return Number.isInteger(status) ? [arg.slice(0, at), status] : [arg, undefined];
}

/** The lines to print; the last one is the closing line. */
export function formatSummary(total) {
  const lines = total.problems.map((problem) => `  ${problem}`);
  if (total.skipped > 0) lines.push(`${total.skipped} skipped`);
  lines.push(`${total.passed} passed, ${total.failed} failed`);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const total = summarize(process.argv.slice(2), (path) =>
    existsSync(path) ? readFileSync(path, 'utf8') : undefined,
  );
  console.log(formatSummary(total).join('\n'));
  process.exitCode = total.failed > 0 ? 1 : 0;
}
