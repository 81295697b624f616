import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Suites start real servers, redis-server and Chromium: forks (processes, not threads) run them.
    pool: "forks",
    // Test files share a worker's module graph instead of each importing the server afresh: the
    // suite went from 9 min 10 s to 5 min 58 s on this 2-core machine (1,724 tests either way),
    // most of it per-file import and transform time. It is safe because the server keeps no
    // module-level state (config and stores are passed in); test helpers that keep counters reset
    // them per test where it matters. `npx vitest run --isolate` gives every file a fresh worker.
    isolate: false,
    // The browser bundles, built once for every suite (test/global-setup.ts says why).
    globalSetup: ["test/global-setup.ts"],
    reporters: ["default"],
  },
});
