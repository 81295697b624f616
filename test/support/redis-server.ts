import { describe, it } from "vitest";
import { redisClusterAvailable } from "../shared/redis-cluster-process.ts";
import { redisAvailable } from "../shared/redis-process.ts";

export { redisAvailable, startRedis, type RedisServer } from "../shared/redis-process.ts";
export { redisClusterAvailable, startRedisCluster, type RedisClusterServer } from "../shared/redis-cluster-process.ts";

/**
 * `describe` for suites that need redis-server. Without the binary the suite is skipped with a
 * warning, except on CI (`CI=true`) where a missing Redis must fail the run rather than hide it.
 */
export function describeRedis(name: string, fn: () => void): void {
  describeWith(redisAvailable, "redis-server", name, fn);
}

/** `describe` for suites that start a Redis Cluster (redis-server and redis-cli), skipped or failing like `describeRedis`. */
export function describeRedisCluster(name: string, fn: () => void): void {
  describeWith(redisClusterAvailable, "redis-server and redis-cli", name, fn);
}

function describeWith(available: boolean, what: string, name: string, fn: () => void): void {
  if (available) {
    describe(name, fn);
  } else if (process.env.CI === "true") {
    describe(name, () => {
      it(`needs ${what} on PATH`, () => {
        throw new Error(`${what} not on PATH and CI=true: Redis suites must run on CI`);
      });
    });
  } else {
    console.warn(`\n⚠️  SKIPPING "${name}": ${what} not on PATH. Install Redis to run it (CI fails instead of skipping).\n`);
    describe.skip(name, fn);
  }
}

