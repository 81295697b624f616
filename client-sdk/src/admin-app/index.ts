/**
 * The back office (dist/admin.js, served by /admin): sign in with a manager token, then the
 * live screens. Talks to the server only through AdminClient (and REST for exports).
 */
import { AdminClient } from "../admin-client.ts";
import { ChatError, FATAL_CONNECT_CODES } from "../chat-error.ts";
import { replace } from "../widget/dom.ts";
import { clearCredentials, demoCredentials, loadCredentials, saveCredentials, type Credentials } from "./credentials.ts";
import { Formatter } from "./format.ts";
import { adminStrings, pickLang } from "./i18n.ts";
import { Shell } from "./shell.ts";
import { signInView } from "./sign-in-view.ts";

declare global {
  interface Window { CAUSETTE_ENV?: { production?: boolean } }
}

const lang = pickLang();
const t = adminStrings(lang);
const fmt = new Formatter(lang, t);
const url = location.origin;
const root = document.getElementById("app") ?? document.body;
document.documentElement.lang = lang;
document.title = t.appTitle;
let client: AdminClient | undefined;

/** Connects and subscribes; resolves with an error sentence on failure so the form can show it. */
async function start(c: Credentials, fromClick: boolean): Promise<string | undefined> {
  const admin = new AdminClient({ url, tenant: c.tenant, token: c.token });
  try {
    const session = await admin.connect();
    client = admin;
    saveCredentials(c);
    // The server ended the session for good (the token expired, the manager was demoted...):
    // the screen would be dead, and retrying with this token can only be refused, so go back
    // to the sign-in form and say why.
    admin.on("status", (s, err) => {
      if (s === "closed" && err && FATAL_CONNECT_CODES.has(err.code) && client === admin) sessionEnded(c.tenant, err);
    });
    const shell = new Shell({ admin, t, fmt, url, tenant: c.tenant, token: c.token, session, signOut });
    replace(root, shell.el);
    if (fromClick) shell.unlockAudio();
    await admin.subscribe();
    return undefined;
  } catch (err) {
    admin.disconnect();
    return err instanceof ChatError ? `${err.code}: ${err.message}` : String(err);
  }
}

function signOut(): void {
  client?.disconnect();
  client = undefined;
  clearCredentials();
  showSignIn();
}

function sessionEnded(tenant: string, err: ChatError): void {
  client?.disconnect();
  client = undefined;
  clearCredentials();
  showSignIn(err.code === "invalid_token" ? t.signIn.expired : t.signIn.ended(`${err.code}: ${err.message}`), tenant);
}

function showSignIn(error?: string, tenant?: string): void {
  const demo = window.CAUSETTE_ENV?.production === false;
  replace(root, signInView(t, {
    tenant: tenant ?? loadCredentials()?.tenant ?? "demo",
    demo,
    ...(error ? { error } : {}),
    submit: (c) => start(c, true),
    demoSignIn: async () => {
      try { return await start(await demoCredentials(url), true); } catch (err) { return String((err as Error).message ?? err); }
    },
  }));
}

const stored = loadCredentials();
if (stored) {
  void start(stored, false).then((err) => {
    if (!err) return;
    clearCredentials();
    showSignIn(t.signIn.failed(err));
  });
} else showSignIn();
