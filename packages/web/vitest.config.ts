import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'web',
    // e2e/: the built app in Chromium against a real server (one file, its own timeouts).
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
  },
});
