import type { Browser } from "playwright-core";
import { AdminClient } from "../../client-sdk/src/index.ts";
import type { Config } from "../../server/config/schema.ts";
import { expectCleanPages, launchBrowser, startShop, type PageWatch, type ShopServer } from "./browser.ts";
import { startServer, type TestServer } from "./server.ts";

/** A Causette server, a brand's shop embedding the widget on another origin, Chromium, and a connected manager of `acme`. */
export interface ShopRig {
  server: TestServer;
  shop: ShopServer;
  browser: Browser;
  manager: AdminClient;
  managerToken: string;
  /** Every page opened for the suite: `close` checks none of them threw or opened a dialog. */
  watches: PageWatch[];
  close(): Promise<void>;
}

/**
 * What the widget suites that act as a manager beside a shopper start with. Give the config
 * `origins: []`: the shop runs on a random port.
 */
export async function startShopRig(config: Readonly<Config>, who: { sub: string; name: string } = { sub: "cm-1", name: "Camille" }): Promise<ShopRig> {
  const server = await startServer(config);
  const shop = await startShop(server.url);
  const browser = await launchBrowser();
  const managerToken = await server.token({ tenant: "acme", role: "manager", ...who });
  const manager = new AdminClient({ url: server.url, tenant: "acme", token: managerToken });
  await manager.connect();
  const watches: PageWatch[] = [];
  return {
    server, shop, browser, manager, managerToken, watches,
    async close() {
      expectCleanPages(watches);
      manager.disconnect();
      await browser.close();
      await shop.close();
      await server.close();
    },
  };
}
