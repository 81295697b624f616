import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = `${ROOT}client-sdk/dist/`;
/** Brand pages load the widget on every product page: it must stay small, socket.io-client included. */
const WIDGET_GZIP_BUDGET = 60 * 1024;
/** The back office loads once per manager session, but on shop-floor laptops and phones too (issue 24). */
const ADMIN_GZIP_BUDGET = 80 * 1024;

describe("browser bundles", () => {
  beforeAll(() => {
    // Measure what this checkout builds, not a stale dist/.
    execFileSync(process.execPath, [`${ROOT}client-sdk/build.mjs`], { stdio: "inherit" });
  });

  it(`keeps dist/widget.js under ${WIDGET_GZIP_BUDGET / 1024} KB gzipped`, () => {
    const raw = readFileSync(`${DIST}widget.js`);
    const gz = gzipSync(raw, { level: 9 }).length;
    console.log(`dist/widget.js: ${raw.length} B raw, ${gz} B gzipped (budget ${WIDGET_GZIP_BUDGET} B)`);
    expect(raw.toString()).toContain("socket.io"); // the budget counts the transport too
    expect(gz).toBeLessThan(WIDGET_GZIP_BUDGET);
  });

  it(`keeps dist/admin.js under ${ADMIN_GZIP_BUDGET / 1024} KB gzipped`, () => {
    const raw = readFileSync(`${DIST}admin.js`);
    const gz = gzipSync(raw, { level: 9 }).length;
    console.log(`dist/admin.js: ${raw.length} B raw, ${gz} B gzipped (budget ${ADMIN_GZIP_BUDGET} B)`);
    expect(gz).toBeLessThan(ADMIN_GZIP_BUDGET);
  });

  it.each(["widget.js", "admin.js", "admin-charts.js", "demo.js"])("%s needs no eval under a strict CSP", (file) => {
    const code = readFileSync(`${DIST}${file}`, "utf8");
    expect(code).not.toMatch(/new Function\s*\(/);
    expect(code).not.toMatch(/\beval\s*\(/);
    // User text only ever goes through textContent / text nodes.
    expect(code).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/);
  });
});
