import { ChatError } from "../chat-error.ts";
import type { ErrorBody } from "../protocol.ts";

/**
 * The user's own REST door (SPEC §9.2, `/api/v1/tenants/:tenant/me/…`): a banned user has no
 * chat connection, yet reads their notices and appeals here, with the same token the chat used.
 * Errors come back as ChatError, like the socket's.
 */
export async function meRequest<T>(base: { url: string; tenant: string }, token: string, method: "GET" | "POST", path: string, body?: object): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base.url}/api/v1/tenants/${encodeURIComponent(base.tenant)}/me/${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ChatError("disconnected", "unreachable");
  }
  const json = (await res.json().catch(() => ({}))) as { error?: Partial<ErrorBody> };
  if (!res.ok) throw ChatError.from(json.error);
  return json as T;
}
