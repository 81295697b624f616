import type { Logger } from "pino";

/**
 * Waits for one step of a shutdown, at most `ms`; a step that overruns is logged by name and
 * left behind, so one stuck piece (a connection that never ends, a store that does not answer)
 * cannot hold the whole stop until the hard exit, and the log says which piece it was.
 */
export async function boundedStep(logger: Logger, step: string, work: Promise<unknown> | unknown, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  const done = Promise.resolve(work).then(() => true as const, (err: unknown) => {
    logger.warn({ err, step }, "shutdown step failed");
    return true as const;
  });
  const finished = await Promise.race([done, late]);
  clearTimeout(timer);
  if (!finished) logger.warn({ step, ms }, "shutdown step overran its bound; going on without it");
  return finished;
}
