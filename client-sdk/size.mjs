// What a brand's page pays for the client: ChatClient bundled for the browser as an app would
// (esbuild, ES module, minified, tree-shaken), gzipped, next to socket.io-client's own `io` bundled
// the same way. `npm run size -w client-sdk` measures the built package (run `npm run build -w
// client-sdk` first); the pack test measures the installed tarball with the same function.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/**
 * Bundles two one-line entries from `resolveDir` (a folder whose node_modules hold both packages)
 * and returns their minified and gzipped sizes in bytes.
 */
export async function measureSizes(resolveDir, sdk = "@causette/client-sdk") {
  const one = async (contents) => {
    const out = await build({
      stdin: { contents, resolveDir, loader: "js" },
      bundle: true, minify: true, format: "esm", platform: "browser", target: ["es2020"], write: false, legalComments: "none", logLevel: "silent",
    });
    const code = out.outputFiles[0].contents;
    return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
  };
  // Each entry keeps its import alive the way an app does: by using it.
  const sdkSize = await one(`import { ChatClient } from "${sdk}"; globalThis.ChatClient = ChatClient;`);
  const socketIo = await one(`import { io } from "socket.io-client"; globalThis.io = io;`);
  return { sdk: sdkSize, socketIo, ownGzipped: sdkSize.gzipped - socketIo.gzipped };
}

export function formatSizes(s) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  return [
    `ChatClient (@causette/client-sdk, socket.io-client included): ${kb(s.sdk.minified)} minified, ${kb(s.sdk.gzipped)} gzipped`,
    `socket.io-client alone (io):                                  ${kb(s.socketIo.minified)} minified, ${kb(s.socketIo.gzipped)} gzipped`,
    `the SDK's own share:                                          ${kb(s.ownGzipped)} gzipped`,
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const here = fileURLToPath(new URL(".", import.meta.url));
  console.log(formatSizes(await measureSizes(here, `${here}dist/esm/index.js`)));
}
