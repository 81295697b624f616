import { EventEmitter } from "node:events";
import type { ClusterBus, ClusterEvent } from "./cluster-bus.ts";

/** The embedded bus: one node, so events are delivered locally, asynchronously like a real bus. */
export class MemoryClusterBus implements ClusterBus {
  private readonly events = new EventEmitter();
  private readonly secrets = new Map<string, string>();

  constructor() {
    this.events.setMaxListeners(0);
  }

  async publish(event: ClusterEvent) { queueMicrotask(() => this.events.emit("event", event)); }

  subscribe(handler: (event: ClusterEvent) => void) {
    this.events.on("event", handler);
    return () => { this.events.off("event", handler); };
  }

  async sharedSecret(name: string, candidate: string) {
    if (!this.secrets.has(name)) this.secrets.set(name, candidate);
    return this.secrets.get(name)!;
  }

  /** Drops every subscriber (the stores are closing). */
  close(): void { this.events.removeAllListeners(); }
}
