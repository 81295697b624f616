/**
 * The widget's CSS, applied inside its shadow root so the brand page's styles cannot break it
 * and ours cannot leak out. Brands theme it with CSS custom properties set on the page (they
 * inherit into the shadow root), e.g. `#causette { --causette-accent: #0b6e4f; }`:
 *
 * | property | what | default |
 * |---|---|---|
 * | `--causette-accent` | the brand colour: buttons, links, own messages, focus rings | `#a23a5f` |
 * | `--causette-accent-ink` | text on the brand colour | `#fff` |
 * | `--causette-font` | font family | the system UI font |
 * | `--causette-font-size` | base size | `15px` |
 * | `--causette-radius` | the frame's corner radius | `14px` |
 * | `--causette-bg`, `--causette-surface`, `--causette-ink`, `--causette-muted`, `--causette-line`, `--causette-field` | background, header and hover background, text, secondary text, borders, input background | a light scheme |
 * | `--causette-dark-accent`, `--causette-dark-bg`, `--causette-dark-surface`, `--causette-dark-ink`, `--causette-dark-muted`, `--causette-dark-line`, `--causette-dark-field` | the same for the dark scheme (`data-theme="dark"`, or `auto` on a dark system); the accent falls back to `--causette-accent` | a dark scheme |
 * | `--causette-height`, `--causette-height-mobile` | the message list's height | `440px`, `60vh` |
 * | `--causette-z-index` | the launcher's stacking order | `2147483000` |
 *
 * The host element carries `data-scheme` (light, dark, auto) and `dir` (ltr, rtl): the layout
 * uses logical properties only, so a right-to-left page mirrors it, and each message's text takes
 * its own direction from its first strong letter (an English message reads left to right in an
 * Arabic page, and the other way round).
 */
const DARK = `
  --accent: var(--causette-dark-accent, var(--causette-accent, #e27ba0));
  --ink: var(--causette-dark-ink, #f3edef); --muted: var(--causette-dark-muted, #b3a8ad); --line: var(--causette-dark-line, #3d3438);
  --bg: var(--causette-dark-bg, #1c1719); --bg2: var(--causette-dark-surface, #262023); --field: var(--causette-dark-field, #2e272a); --field-line: #5a4f54;
  --warn: #f2c35b; --warn-bg: #3a2e12; --bad: #ff8a80; --bad-bg: #3f1a18; --ok: #7fd39b;
  color-scheme: dark;`;

export const WIDGET_CSS = `
:host { all: initial; display: block; contain: content; }
/* all: initial above would otherwise outrank the browser's own [hidden] rule. */
:host([hidden]) { display: none !important; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.cw {
  --accent: var(--causette-accent, #a23a5f);
  --on-accent: var(--causette-accent-ink, #fff);
  --ink: var(--causette-ink, #1f1a1c); --muted: var(--causette-muted, #6b6166); --line: var(--causette-line, #e8e1e4);
  --bg: var(--causette-bg, #fff); --bg2: var(--causette-surface, #faf7f8); --field: var(--causette-field, #fff); --field-line: #cfc5ca;
  --warn: #8a5a00; --warn-bg: #fff6e0; --bad: #b3261e; --bad-bg: #fdecea; --ok: #1e6b3a;
  color-scheme: light;
  font: var(--causette-font-size, 15px)/1.45 var(--causette-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  color: var(--ink); background: var(--bg); border: 1px solid var(--line); border-radius: var(--causette-radius, 14px);
  display: flex; flex-direction: column; max-width: 720px; overflow: hidden;
  box-shadow: 0 1px 2px rgb(0 0 0 / .04), 0 6px 24px rgb(0 0 0 / .05);
}
:host([data-scheme="dark"]) .cw {${DARK}
}
@media (prefers-color-scheme: dark) { :host([data-scheme="auto"]) .cw {${DARK}
} }
/* Derived after the scheme is chosen, so they follow it. */
.cw { --accent-soft: color-mix(in srgb, var(--accent) 12%, var(--bg)); }
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
button, textarea, input { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 6px; }

.head { display: flex; align-items: center; gap: 10px; padding: 12px 16px; border-bottom: 1px solid var(--line); background: var(--bg2); flex-wrap: wrap; }
.head h2 { font-size: 16px; margin: 0; font-weight: 650; flex: 1 1 auto; min-width: 0; }
.head .sub { display: block; font-size: 12px; font-weight: 400; color: var(--muted); }
.pill { font-size: 12px; padding: 2px 8px; border-radius: 99px; background: var(--field); border: 1px solid var(--line); color: var(--muted); white-space: nowrap; }
.pill.live::before { content: ""; display: inline-block; width: 7px; height: 7px; border-radius: 50%; background: #2e9d5b; margin-inline-end: 6px; vertical-align: 1px; }
.status:empty { display: none; }
.status { font-size: 12px; color: var(--warn); background: var(--warn-bg); border-radius: 99px; padding: 2px 8px; }
.me { font-size: 12px; color: var(--muted); }

.banners:empty { display: none; }
.banner { margin: 0; padding: 8px 16px; font-size: 13px; border-bottom: 1px solid var(--line); background: var(--accent-soft); }
.banner.warn { background: var(--warn-bg); color: var(--warn); }
.banner.bad { background: var(--bad-bg); color: var(--bad); }

/* Brand voice: the room's pinned message, and the brand's own posts. */
.pin { padding: 8px 16px 10px; border-bottom: 1px solid var(--line); background: var(--accent-soft); border-inline-start: 4px solid var(--accent); }
.pin-head { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; font-size: 13px; }
.pin-head > .icon { color: var(--accent); margin: 0; }
.pin-title { font-weight: 650; color: var(--accent); text-transform: uppercase; font-size: 11px; letter-spacing: .04em; }
.pin-text { margin: 4px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; text-align: start; }
.pin-text a { color: var(--accent); text-decoration: underline; text-underline-offset: 2px; }
.pin-toggle { display: none; margin-inline-start: auto; border: 1px solid var(--line); background: var(--field); color: var(--ink); border-radius: 99px; min-height: 32px; min-width: 40px; align-items: center; justify-content: center; }
.pin-toggle .icon { margin: 0; transition: transform .15s; }
.pin.open .pin-toggle .icon { transform: rotate(180deg); }
.msg.team { border: 1px solid color-mix(in srgb, var(--accent) 35%, var(--line)); border-inline-start: 4px solid var(--accent); background: var(--accent-soft); }
.badge.team { display: inline-flex; align-items: center; gap: 3px; background: var(--ink); color: var(--bg); }
.badge.team .icon { margin: 0; width: 11px; height: 11px; }

.list { list-style: none; margin: 0; padding: 8px 12px; overflow-y: auto; max-height: var(--causette-height, 440px); min-height: 160px; display: flex; flex-direction: column; gap: 6px; overscroll-behavior: contain; }
.empty { color: var(--muted); text-align: center; padding: 32px 8px; font-size: 14px; }
.msg { padding: 8px 10px; border-radius: 10px; border: 1px solid transparent; }
.msg:hover, .msg:focus-within { background: var(--bg2); }
.msg.own { background: var(--accent-soft); }
.msg.held { border: 1px dashed #d9a400; background: var(--warn-bg); }
.msg.hidden .text { color: var(--muted); font-style: italic; }
.meta { display: flex; align-items: baseline; gap: 6px; flex-wrap: wrap; font-size: 13px; }
.name { font-weight: 650; }
.badge { font-size: 11px; font-weight: 650; text-transform: uppercase; letter-spacing: .03em; padding: 1px 6px; border-radius: 4px; color: var(--on-accent); background: var(--accent); }
.badge.expert { background: #2c6e8f; color: #fff; }
.badge.moderator { background: #5b4bb7; color: #fff; }
.badge.manager { background: var(--accent); }
time { color: var(--muted); font-size: 12px; }
.quote { margin: 4px 0 2px; padding: 3px 8px; border-inline-start: 3px solid var(--accent); color: var(--muted); font-size: 13px; background: color-mix(in srgb, var(--ink) 4%, transparent); border-radius: 0; border-start-end-radius: 6px; border-end-end-radius: 6px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.quote b { font-weight: 600; color: var(--ink); }
.quote span, .replying span { unicode-bidi: plaintext; }
.text { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; text-align: start; }
.state { margin-top: 4px; font-size: 12px; color: var(--warn); }
.state b { font-weight: 650; margin-inline-end: 6px; }
.state-help { font-weight: 400; }
.text a, .note a, .me a { color: var(--accent); text-decoration: underline; text-underline-offset: 2px; }
.actions { display: flex; gap: 4px; margin-top: 4px; flex-wrap: wrap; }
.icon { vertical-align: -2px; margin-inline-end: 4px; flex: none; }
.act { border: 1px solid transparent; background: none; color: var(--muted); font-size: 12.5px; padding: 4px 8px; border-radius: 6px; min-height: 32px; }
.act:hover { background: var(--field); border-color: var(--line); color: var(--ink); }
.act[aria-pressed="true"] { color: var(--ok); font-weight: 600; }
.act[aria-disabled="true"] { opacity: .65; }
.count { font-size: 12.5px; color: var(--muted); padding: 4px 8px; }
.note { margin: 6px 0 0; font-size: 13px; padding: 6px 10px; border-radius: 8px; background: var(--bg2); border: 1px solid var(--line); }
.note.bad { background: var(--bad-bg); color: var(--bad); border-color: transparent; }
.menu { margin-top: 6px; padding: 8px; border: 1px solid var(--line); border-radius: 10px; background: var(--field); display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.menu p { margin: 0 0 2px; width: 100%; font-size: 13px; font-weight: 600; }
.chip { border: 1px solid var(--line); background: var(--bg2); border-radius: 99px; padding: 6px 12px; font-size: 13px; min-height: 34px; }
.chip:hover { border-color: var(--accent); }
.chip.plain { background: none; border-color: transparent; color: var(--muted); }

.composer { border-top: 1px solid var(--line); padding: 10px 12px 12px; background: var(--bg); }
.replying { display: flex; align-items: center; gap: 8px; font-size: 13px; color: var(--muted); margin-bottom: 6px; }
.replying span { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.row { display: flex; gap: 8px; align-items: flex-end; }
textarea { flex: 1; min-width: 0; resize: none; min-height: 44px; max-height: 160px; padding: 10px 12px; border: 1px solid var(--field-line); border-radius: 10px; background: var(--field); line-height: 1.4; }
/* A message (and the placeholder) reads in its own direction, whatever the page's. */
textarea, textarea::placeholder { unicode-bidi: plaintext; }
textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: 0; border-color: var(--accent); }
textarea:disabled { background: var(--bg2); }
.send { background: var(--accent); color: var(--on-accent); border: 0; border-radius: 10px; padding: 0 16px; min-height: 44px; font-weight: 650; }
.send:disabled, .send[aria-disabled="true"] { opacity: .5; cursor: not-allowed; }
.foot { display: flex; justify-content: space-between; gap: 8px; margin-top: 6px; font-size: 12px; color: var(--muted); }
.counter { white-space: nowrap; unicode-bidi: isolate; direction: ltr; }
.counter.near { color: var(--warn); }
.counter.over { color: var(--bad); font-weight: 650; }
.error:empty { display: none; }
.error { margin: 8px 0 0; font-size: 13px; padding: 6px 10px; border-radius: 8px; background: var(--bad-bg); color: var(--bad); }
.info:empty { display: none; }
.info { margin: 8px 0 0; font-size: 13px; color: var(--ok); }
.alertform { display: flex; gap: 6px; padding: 8px 16px; border-bottom: 1px solid var(--line); background: var(--warn-bg); flex-wrap: wrap; align-items: center; }
.alertform input { flex: 1 1 180px; padding: 6px 10px; border: 1px solid var(--field-line); background: var(--field); border-radius: 8px; min-height: 36px; }
.alertform label { font-size: 13px; width: 100%; }
.reportpanel { padding: 10px 16px; border-bottom: 1px solid var(--line); background: var(--bg2); max-height: 60vh; overflow-y: auto; }
.reportpanel h3 { margin: 0 0 4px; font-size: 15px; }
.reportpanel .intro, .reportpanel .help { margin: 0 0 6px; font-size: 13px; color: var(--muted); }
.reportpanel blockquote.quote { margin: 0 0 6px; }
.reportform { display: flex; flex-direction: column; gap: 4px; }
.reportform label { font-size: 13px; font-weight: 600; margin-top: 6px; }
.reportform select, .reportform textarea, .reportform input[type="text"], .reportform input[type="email"] { padding: 6px 10px; border: 1px solid var(--field-line); background: var(--field); color: var(--ink); border-radius: 8px; min-height: 36px; font: inherit; }
.reportform [aria-invalid="true"] { border-color: var(--bad); }
.reportform .check { display: flex; gap: 8px; align-items: flex-start; margin-top: 8px; }
.reportform .check input { width: 20px; height: 20px; margin-top: 2px; flex: none; }
.reportform .check label { font-weight: normal; margin: 0; }
.field-err { margin: 0; font-size: 13px; color: var(--bad); }
.reportpanel .row { display: flex; gap: 6px; margin-top: 8px; flex-wrap: wrap; }
.reportpanel .receipt, .reportpanel .status-link { font-size: 13px; }
.reportpanel a { color: var(--accent); text-decoration: underline; text-underline-offset: 2px; }
.reportpanel .receipt code { font-size: 12px; word-break: break-all; background: var(--field); padding: 2px 4px; border-radius: 4px; }
.chip.primary { background: var(--accent); color: var(--on-accent); border-color: var(--accent); }
.chip.legal { border-style: dashed; }
.linkbtn { border: 1px solid var(--line); background: var(--field); border-radius: 99px; font-size: 12px; padding: 3px 10px; min-height: 28px; }
.notices { padding: 8px 16px; border-bottom: 1px solid var(--line); background: var(--bg2); max-height: 60vh; overflow: auto; font-size: 13px; }
.notices:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.nthead { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.nthead h3 { margin: 0; font-size: 15px; }
.ntintro, .notices .muted { color: var(--muted); margin: 4px 0; }
.ntlist { list-style: none; margin: 0; padding: 0; }
.notice { border: 1px solid var(--line); border-radius: 10px; background: var(--bg); padding: 8px 12px; margin: 8px 0; }
.notice.fresh { border-color: var(--accent); }
.notice h4 { margin: 0 0 6px; font-size: 14px; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.notice h4 time { margin-inline-start: auto; font-weight: 400; color: var(--muted); font-size: 12px; }
.notice figure { margin: 0 0 6px; }
.notice figcaption { color: var(--muted); font-size: 12px; }
.excerpt { margin: 2px 0 0; padding: 4px 10px; border-inline-start: 3px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; }
.notice dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 6px; }
.notice dt { color: var(--muted); }
.notice dd { margin: 0; overflow-wrap: anywhere; }
.notice a { color: var(--accent); }
.ntactions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.appealform { display: grid; gap: 4px; }
.appealform textarea { width: 100%; padding: 6px 10px; border: 1px solid var(--field-line); background: var(--field); color: var(--ink); border-radius: 8px; font: inherit; resize: vertical; }
.appealform .err:empty { display: none; }
.appealform .err { margin: 0; color: var(--bad); }
.outcome { margin: 4px 0 0; padding: 6px 10px; border-radius: 8px; background: var(--accent-soft); }
.outcome.reversed { color: var(--ok); }

@media (max-width: 480px) {
  .cw { border-radius: 10px; font-size: 15px; }
  .head { padding: 10px 12px; }
  .list { padding: 6px 8px; max-height: var(--causette-height-mobile, 60vh); }
  .hint { display: none; }
  .act { min-height: 36px; }
  .pin { padding: 6px 12px 8px; }
  .pin-toggle { display: inline-flex; }
  .pin:not(.open) .pin-text { display: -webkit-box; -webkit-line-clamp: 1; -webkit-box-orient: vertical; overflow: hidden; }
}
@media (prefers-reduced-motion: no-preference) { .msg.new { animation: cw-in .25s ease-out; } }
@keyframes cw-in { from { opacity: 0; transform: translateY(4px); } to { opacity: 1; transform: none; } }
`;

/**
 * The launcher (`data-mode="launcher"`): a round button in a corner of the page that opens the chat
 * in a panel above it. Its own shadow root; the widget's mount is slotted into the panel.
 */
export const LAUNCHER_CSS = `
:host { all: initial; position: fixed; bottom: 20px; z-index: var(--causette-z-index, 2147483000); }
:host([data-position="bottom-right"]) { right: 20px; }
:host([data-position="bottom-left"]) { left: 20px; }
:host([hidden]) { display: none !important; }
[hidden] { display: none !important; }
.launcher {
  width: 56px; height: 56px; border-radius: 50%; border: 0; cursor: pointer; display: grid; place-items: center;
  background: var(--causette-accent, #a23a5f); color: var(--causette-accent-ink, #fff);
  box-shadow: 0 2px 6px rgb(0 0 0 / .2), 0 8px 24px rgb(0 0 0 / .15);
}
.launcher:focus-visible { outline: 3px solid var(--causette-accent, #a23a5f); outline-offset: 3px; }
.launcher svg { width: 26px; height: 26px; }
.panel { position: absolute; bottom: 68px; width: min(400px, calc(100vw - 40px)); }
:host([data-position="bottom-right"]) .panel { right: 0; }
:host([data-position="bottom-left"]) .panel { left: 0; }
@media (max-width: 480px) {
  :host { bottom: 12px; }
  :host([data-position="bottom-right"]) { right: 12px; }
  :host([data-position="bottom-left"]) { left: 12px; }
  .panel { position: fixed; inset: auto 8px 80px 8px; width: auto; }
}
`;
