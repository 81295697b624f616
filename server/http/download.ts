import type { Response } from "express";

/**
 * Sends `chunks` as a file to save (the exports of the audit log, the transparency figures and the
 * statements of reasons). The first chunk is read before the 200 is committed, so a failure up
 * front (a bad period, a store away) is still a clean JSON error; each later write waits for the
 * socket to drain, and a client that went away stops the reading, so a large export is never
 * held whole in memory.
 */
export async function sendDownload(res: Response, file: { name: string; type: string }, chunks: AsyncIterable<string>): Promise<void> {
  const it = chunks[Symbol.asyncIterator]();
  let next = await it.next();
  res.status(200);
  res.set("Cache-Control", "no-store");
  res.set("Content-Disposition", `attachment; filename="${file.name}"`);
  res.type(file.type);
  let closed = false;
  res.once("close", () => { closed = true; });
  while (!next.done && !closed) {
    if (next.value && !res.write(next.value)) await new Promise<void>((resolve) => { res.once("drain", resolve); res.once("close", resolve); });
    if (closed) break;
    next = await it.next();
  }
  if (closed) await it.return?.();
  res.end();
}
