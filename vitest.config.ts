import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Suites start real servers, redis-server and Chromium: forks (processes, not threads) run them.
    pool: "forks",
    // Each test file gets a fresh worker (vitest's default). Sharing them (isolate: false) ran the
    // suite in 5 min 58 s instead of 9 min 10 s, but one clean-clone run of three then timed out
    // in test/core/transport-fast-paths.test.ts, which passes alone every time: something a file
    // leaves running in its worker is suspected and not yet found, so files stay isolated.
    // The browser bundles, built once for every suite (test/global-setup.ts says why).
    globalSetup: ["test/global-setup.ts"],
    reporters: ["default"],
  },
});
