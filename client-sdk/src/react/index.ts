/** @causette/client-sdk/react: a provider, a room hook and a ready-made chat component (react >= 18). */
export { CausetteProvider, useCausette, type CausetteConnection, type CausetteProviderProps, type ConnectionStatus } from "./causette-provider.ts";
export { useCausetteRoom, type CausetteRoom, type UseCausetteRoomOptions } from "./use-causette-room.ts";
export { CausetteChat, type CausetteChatProps } from "./causette-chat.ts";
export type { Notice, NoticeKind, SanctionState, SessionEnded } from "../protocol.ts";
