import { MemoryStore } from "../../server/store/memory.ts";
import { storeContract } from "./contract.ts";

storeContract("memory", async () => {
  const store = new MemoryStore();
  return { store, cleanup: () => store.close() };
});
