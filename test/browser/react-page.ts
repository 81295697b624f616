/**
 * A brand's React page for the React tests, bundled by esbuild: `<CausetteChat>` for one room, and
 * beside it a component of the brand's own on `useCausetteRoom`, both under the same provider.
 * Everything it needs comes from data-* attributes of <body>.
 */
import { createElement as h, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { Notice } from "../../client-sdk/src/index.ts";
import { CausetteChat, CausetteProvider, useCausetteRoom } from "../../client-sdk/src/react/index.ts";

declare global { interface Window { notices: Notice[] } }
window.notices = [];
const { url, tenant, room, token } = document.body.dataset as Record<string, string>;

/** The brand's own rendering of the same room: counts by status, the last error's code. */
function Summary() {
  const chat = useCausetteRoom(room!, { onNotice: (n) => window.notices.push(n) });
  const count = (status: string) => chat.messages.filter((m) => m.status === status).length;
  return h("aside", { id: "summary", "data-status": chat.status, "data-joined": String(chat.joined), "data-visible": count("visible"), "data-held": count("held"),
    "data-error": chat.error?.code ?? "", "data-muted": chat.sanction.mute ? "yes" : "no", "data-ended": chat.ended?.code ?? "", "data-notices": chat.notices.length });
}

createRoot(document.getElementById("root")!).render(
  h(StrictMode, null,
    h(CausetteProvider, {
      url: url!, tenant: tenant!, token: token!,
      // A fixed reconnection delay: the test posts while this page is away, then sees it catch up.
      socketOptions: { reconnectionDelay: 1500, reconnectionDelayMax: 1500, randomizationFactor: 0 },
    },
    h(CausetteChat, { room: room!, language: "en" }),
    h(Summary))),
);
