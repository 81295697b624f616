/**
 * The back office (dist/admin.js, served by /admin): sign in with a manager token, then the
 * live screens. Talks to the server only through AdminClient (and REST for exports).
 */
import { AdminClient } from "../admin-client.ts";
import { ChatError, FATAL_CONNECT_CODES } from "../chat-error.ts";
import { replace } from "../widget/dom.ts";
import { clearCredentials, demoCredentials, loadCredentials, saveCredentials, type Credentials } from "./credentials.ts";
import { Formatter } from "./format.ts";
import type { SessionInfo } from "../protocol.ts";
import type { TabId } from "./context.ts";
import { adminStrings, pickLang, type AdminStrings, type Lang } from "./i18n.ts";
import { lastLang, managerLang, saveLang } from "./lang-choice.ts";
import { Lifetime } from "./lifetime.ts";
import { Shell } from "./shell.ts";
import { signInView } from "./sign-in-view.ts";
import { errorSentence } from "./ui.ts";

declare global {
  interface Window { CAUSETTE_ENV?: { production?: boolean } }
}

const url = location.origin;
const root = document.getElementById("app") ?? document.body;
/** The words on screen: before sign-in, the last language picked on this browser, else the browser's. */
let t: AdminStrings = wordsFor(lastLang() ?? pickLang());

function wordsFor(lang: Lang): AdminStrings {
  const words = adminStrings(lang);
  document.documentElement.lang = lang;
  document.title = words.appTitle;
  return words;
}
/** The signed-in session, if any: ending it closes everything it opened (see Lifetime). */
let current: Lifetime | undefined;

/** The one way out of a signed-in session, whether the manager or the server ends it. */
function endSession(): void {
  current?.end();
  current = undefined;
}

/** Connects and subscribes; resolves with an error sentence on failure so the form can show it. */
async function start(c: Credentials, fromClick: boolean): Promise<string | undefined> {
  const life = new Lifetime();
  const admin = new AdminClient({ url, tenant: c.tenant, token: c.token });
  // Registered first, so it is released last: screens close their own things while it still works.
  life.own(() => admin.disconnect());
  try {
    const session = await admin.connect();
    endSession();
    current = life;
    saveCredentials(c);
    // The server ended the session for good (the token expired, the manager was demoted...):
    // the screen would be dead, and retrying with this token can only be refused, so go back
    // to the sign-in form and say why.
    admin.on("status", (s, err) => {
      if (s === "closed" && err && FATAL_CONNECT_CODES.has(err.code) && current === life) sessionEnded(c.tenant, err);
    });
    const shell = mount(admin, life, c, session, managerLang(c.tenant, session.user.id) ?? lastLang() ?? pickLang());
    if (fromClick) shell.unlockAudio();
    await admin.subscribe();
    return undefined;
  } catch (err) {
    const msg = errorSentence(t, err);
    if (current !== life) { life.end(); return msg; }
    // The shell is already on screen but its session is gone: back to the form, saying why.
    endSession();
    clearCredentials();
    showSignIn(t.signIn.failed(msg), c.tenant);
    return msg;
  }
}

/**
 * Puts the screens of a signed-in session on the page in one language. Switching language builds
 * them again on the same connection: the screens' own lifetime ends (their feed listeners and the
 * room reader go with it) while the session's client stays up.
 */
function mount(admin: AdminClient, life: Lifetime, c: Credentials, session: SessionInfo, lang: Lang, tab?: TabId): Shell {
  const screens = new Lifetime();
  life.own(() => screens.end());
  t = wordsFor(lang);
  const shell = new Shell({
    admin, life: screens, t, fmt: new Formatter(lang, t), url, tenant: c.tenant, token: c.token, session, signOut, lang, ...(tab ? { tab } : {}),
    setLang: (next, at) => {
      saveLang(c.tenant, session.user.id, next);
      screens.end();
      // The pick was a click: the new shell's alert beep may play at once.
      mount(admin, life, c, session, next, at).unlockAudio();
    },
  });
  replace(root, shell.el);
  return shell;
}

function signOut(): void {
  endSession();
  clearCredentials();
  showSignIn();
}

function sessionEnded(tenant: string, err: ChatError): void {
  endSession();
  clearCredentials();
  showSignIn(err.code === "invalid_token" ? t.signIn.expired : t.signIn.ended(errorSentence(t, err)), tenant);
}

function showSignIn(error?: string, tenant?: string): void {
  const demo = window.CAUSETTE_ENV?.production === false;
  replace(root, signInView(t, {
    tenant: tenant ?? loadCredentials()?.tenant ?? "demo",
    demo,
    ...(error ? { error } : {}),
    submit: (c) => start(c, true),
    demoSignIn: async () => {
      try { return await start(await demoCredentials(url), true); } catch (err) { return errorSentence(t, err); }
    },
  }));
}

const stored = loadCredentials();
if (stored) {
  void start(stored, false).then((err) => {
    if (!err) return;
    clearCredentials();
    showSignIn(t.signIn.failed(err), stored.tenant);
  });
} else showSignIn();
