import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Suites start real servers, redis-server and Chromium: forks keep them isolated per file.
    pool: "forks",
    reporters: ["default"],
  },
});
