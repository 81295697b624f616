import { pino, type DestinationStream, type Logger } from "pino";
import type { Config } from "./config/schema.ts";

/**
 * The service logger. Nothing logs tokens today; the redaction is the safety net for the day an
 * error object or a request gets logged whole (a JWT in a log is a session anyone can replay).
 */
export function createLogger(config: Readonly<Config>, destination?: DestinationStream): Logger {
  const options = {
    name: "causette",
    level: config.server.logLevel,
    redact: {
      paths: [
        "token", "*.token", "guestToken", "*.guestToken", "auth.token", "*.auth.token",
        "authorization", "*.authorization", "headers.authorization", "*.headers.authorization",
        "headers.cookie", "*.headers.cookie",
      ],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
