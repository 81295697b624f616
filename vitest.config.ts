import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Suites start real servers, redis-server and Chromium: forks keep them isolated per file.
    pool: "forks",
    // The browser bundles, built once for every suite (test/global-setup.ts says why).
    globalSetup: ["test/global-setup.ts"],
    reporters: ["default"],
  },
});
