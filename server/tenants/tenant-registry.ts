import type { Config } from "../config/schema.ts";
import type { TenantStores } from "./tenant-runtime.ts";
import { TenantRuntime, type FilterCompiler } from "./tenant-runtime.ts";

/** All tenants of this deployment, built once from config. */
export class TenantRegistry {
  private readonly byId = new Map<string, TenantRuntime>();

  constructor(config: Readonly<Config>, stores: TenantStores, compile: FilterCompiler) {
    for (const t of config.tenants) this.byId.set(t.id, new TenantRuntime(t, stores, compile));
  }

  /** Undefined for unknown ids (including non-strings), never throws. */
  get(id: unknown): TenantRuntime | undefined {
    return typeof id === "string" ? this.byId.get(id) : undefined;
  }

  all(): TenantRuntime[] { return [...this.byId.values()]; }

  /** Compiles every tenant's filters; start-up waits for it so no message meets an empty filter. */
  async ready(): Promise<void> {
    await Promise.all(this.all().map((t) => t.refreshFilters()));
  }
}
