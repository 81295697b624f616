import { describe, expect, it } from "vitest";
import { createLogger } from "../../server/logger.ts";
import { testConfig } from "../support/config.ts";

describe("logger", () => {
  it("never writes tokens, authorization headers or cookies, whatever object is logged", () => {
    const lines: string[] = [];
    const log = createLogger(testConfig({ server: { logLevel: "info" } }), { write: (s: string) => { lines.push(s); } });
    log.error({
      token: "eyJ.secret.jwt",
      auth: { token: "eyJ.handshake" },
      session: { guestToken: "g.secret" },
      req: { headers: { authorization: "Bearer eyJ.rest", cookie: "sid=1", "user-agent": "UA" } },
    }, "something failed");
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    for (const secret of ["eyJ.secret.jwt", "eyJ.handshake", "g.secret", "eyJ.rest", "sid=1"]) expect(line).not.toContain(secret);
    // Everything else is kept: a redacted log must still be useful.
    expect(line).toContain("something failed");
    expect(line).toContain("UA");
  });
});
