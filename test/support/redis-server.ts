import { describe, it } from "vitest";
import { redisAvailable } from "../shared/redis-process.ts";

export { redisAvailable, startRedis, type RedisServer } from "../shared/redis-process.ts";

/**
 * `describe` for suites that need redis-server. Without the binary the suite is skipped with a
 * warning, except on CI (`CI=true`) where a missing Redis must fail the run rather than hide it.
 */
export function describeRedis(name: string, fn: () => void): void {
  if (redisAvailable) {
    describe(name, fn);
  } else if (process.env.CI === "true") {
    describe(name, () => {
      it("needs redis-server on PATH", () => {
        throw new Error("redis-server is not on PATH and CI=true: Redis suites must run on CI");
      });
    });
  } else {
    console.warn(`\n⚠️  SKIPPING "${name}": redis-server is not on PATH. Install Redis to run it (CI fails instead of skipping).\n`);
    describe.skip(name, fn);
  }
}

