import type { AdminClient } from "../admin-client.ts";

/** How many ids one `people:names` call may carry (the server's bound). */
const BATCH = 200;

/**
 * The back office's names for user ids: bans, IP blocks and the audit log store who by id, and a
 * manager reads people by name. Filled in batches with `people:names`, and by every list that
 * already carries names (queue authors, search results); an id the tenant does not know stays an id.
 */
export class NameBook {
  private readonly known = new Map<string, string>();
  private readonly asked = new Set<string>();

  constructor(private readonly admin: Pick<AdminClient, "names">) {}

  remember(user: { id: string; name: string }): void { this.known.set(user.id, user.name); }

  /** Looks up the ids not asked about yet; a failure leaves them as ids (a name is a nicety here). */
  async load(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => id && id !== "system" && !this.known.has(id) && !this.asked.has(id));
    for (const id of missing) this.asked.add(id);
    for (let i = 0; i < missing.length; i += BATCH) {
      try {
        for (const u of await this.admin.names(missing.slice(i, i + BATCH))) this.remember(u);
      } catch { for (const id of missing.slice(i, i + BATCH)) this.asked.delete(id); }
    }
  }

  /** The name when known, else the id. */
  name(id: string): string { return this.known.get(id) ?? id; }

  /** "Name (id)" when the name says something the id does not, else the id. */
  label(id: string): string {
    const name = this.known.get(id);
    return name && name !== id ? `${name} (${id})` : id;
  }
}
