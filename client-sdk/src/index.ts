/** @causette/client-sdk: typed clients for the Causette chat (`ChatClient`) and back office (`AdminClient`). */
export { ChatClient, type ChatClientOptions, type ChatClientEvents } from "./chat-client.ts";
export { AdminClient, type AdminClientOptions, type AdminClientFeedEvents } from "./admin-client.ts";
export { ChatError, FATAL_CONNECT_CODES, type ClientErrorCode } from "./chat-error.ts";
export * from "./protocol.ts";
