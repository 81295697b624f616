import { UAParser } from "ua-parser-js";
import type { UAParserExt } from "ua-parser-js";
import { isBot } from "ua-parser-js/bot-detection";
import { Bots, Crawlers } from "ua-parser-js/extensions";
import type { Device } from "../../client-sdk/src/protocol.ts";

const EXTENSIONS = [Bots, Crawlers] as unknown as UAParserExt;

/** Parses a User-Agent once per connection; bots and crawlers are kept apart because they may read but not post. */
export function parseUserAgent(ua: string | undefined): Device {
  const text = (ua ?? "").slice(0, 512);
  if (!text) return { type: "unknown", bot: false };
  const r = new UAParser(text, EXTENSIONS).getResult();
  const bot = isBot(r);
  const device: Device = {
    type: bot ? "bot" : (r.device.type ?? "desktop"),
    bot,
    ua: text,
  };
  const browser = [r.browser.name, r.browser.major].filter(Boolean).join(" ");
  const os = [r.os.name, r.os.version].filter(Boolean).join(" ");
  if (browser) device.browser = browser;
  if (os) device.os = os;
  return device;
}
