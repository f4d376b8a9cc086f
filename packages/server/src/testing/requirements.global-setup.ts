import type { TestProject } from 'vitest/node';
import { checkPart, missingLine, PART_TESTS, type Part, requiredParts } from './requirements.ts';

/** The parts each Vitest project's tests may need. */
const PARTS_BY_PROJECT: Record<string, Part[]> = {
  db: ['postgres', 'imap'],
  process: ['postgres'],
  browser: ['browser'],
};

// Global setups of all projects run in the one Vitest process: each missing part is reported once.
const REPORTED = 'CALMDESK_TEST_REPORTED_PARTS';

/** Prints one line for each part the project's tests need and this machine lacks. */
export default async function reportMissingParts(project: TestProject): Promise<void> {
  const required = requiredParts();
  const reported = new Set((process.env[REPORTED] ?? '').split(','));
  for (const part of PARTS_BY_PROJECT[project.name] ?? []) {
    if (reported.has(part)) continue;
    reported.add(part);
    const status = await checkPart(part);
    if (!status.available) console.warn(missingLine(status, PART_TESTS[part], required.has(part)));
  }
  process.env[REPORTED] = [...reported].join(',');
}
