/**
 * The widget's CSS, applied inside its shadow root so the brand page's styles cannot break it
 * and ours cannot leak out. Brands may tune colours through inherited custom properties
 * (`--causette-accent`, `--causette-font`) set on the host page.
 */
export const WIDGET_CSS = `
:host { all: initial; display: block; contain: content; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.cw {
  --accent: var(--causette-accent, #a23a5f);
  --accent-soft: color-mix(in srgb, var(--accent) 10%, white);
  --ink: #1f1a1c; --muted: #6b6166; --line: #e8e1e4; --bg: #fff; --bg2: #faf7f8;
  --warn: #8a5a00; --warn-bg: #fff6e0; --bad: #b3261e; --bad-bg: #fdecea; --ok: #1e6b3a;
  font: 15px/1.45 var(--causette-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  color: var(--ink); background: var(--bg); border: 1px solid var(--line); border-radius: 14px;
  display: flex; flex-direction: column; max-width: 720px; overflow: hidden;
  box-shadow: 0 1px 2px rgb(0 0 0 / .04), 0 6px 24px rgb(0 0 0 / .05);
}
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
button, textarea, input { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; border-radius: 6px; }

.head { display: flex; align-items: center; gap: 10px; padding: 12px 16px; border-bottom: 1px solid var(--line); background: var(--bg2); flex-wrap: wrap; }
.head h2 { font-size: 16px; margin: 0; font-weight: 650; flex: 1 1 auto; min-width: 0; }
.head .sub { display: block; font-size: 12px; font-weight: 400; color: var(--muted); }
.pill { font-size: 12px; padding: 2px 8px; border-radius: 99px; background: #fff; border: 1px solid var(--line); color: var(--muted); white-space: nowrap; }
.pill.live::before { content: ""; display: inline-block; width: 7px; height: 7px; border-radius: 50%; background: #2e9d5b; margin-right: 6px; vertical-align: 1px; }
.status:empty { display: none; }
.status { font-size: 12px; color: var(--warn); background: var(--warn-bg); border-radius: 99px; padding: 2px 8px; }
.me { font-size: 12px; color: var(--muted); }

.banners:empty { display: none; }
.banner { margin: 0; padding: 8px 16px; font-size: 13px; border-bottom: 1px solid var(--line); background: var(--accent-soft); }
.banner.warn { background: var(--warn-bg); color: var(--warn); }
.banner.bad { background: var(--bad-bg); color: var(--bad); }

.list { list-style: none; margin: 0; padding: 8px 12px; overflow-y: auto; max-height: var(--causette-height, 440px); min-height: 160px; display: flex; flex-direction: column; gap: 6px; overscroll-behavior: contain; }
.empty { color: var(--muted); text-align: center; padding: 32px 8px; font-size: 14px; }
.msg { padding: 8px 10px; border-radius: 10px; border: 1px solid transparent; }
.msg:hover, .msg:focus-within { background: var(--bg2); }
.msg.own { background: var(--accent-soft); }
.msg.held { border: 1px dashed #d9a400; background: var(--warn-bg); }
.msg.hidden .text { color: var(--muted); font-style: italic; }
.meta { display: flex; align-items: baseline; gap: 6px; flex-wrap: wrap; font-size: 13px; }
.name { font-weight: 650; }
.badge { font-size: 11px; font-weight: 650; text-transform: uppercase; letter-spacing: .03em; padding: 1px 6px; border-radius: 4px; color: #fff; background: var(--accent); }
.badge.expert { background: #2c6e8f; }
.badge.moderator { background: #5b4bb7; }
.badge.manager { background: var(--accent); }
time { color: var(--muted); font-size: 12px; }
.quote { margin: 4px 0 2px; padding: 3px 8px; border-left: 3px solid var(--accent); color: var(--muted); font-size: 13px; background: rgb(0 0 0 / .03); border-radius: 0 6px 6px 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.quote b { font-weight: 600; color: var(--ink); }
.text { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.state { margin-top: 4px; font-size: 12px; color: var(--warn); }
.state b { font-weight: 650; margin-right: 6px; }
.state-help { font-weight: 400; }
.text a, .note a, .me a { color: var(--accent); text-decoration: underline; text-underline-offset: 2px; }
.actions { display: flex; gap: 4px; margin-top: 4px; flex-wrap: wrap; }
.icon { vertical-align: -2px; margin-right: 4px; flex: none; }
.act { border: 1px solid transparent; background: none; color: var(--muted); font-size: 12.5px; padding: 4px 8px; border-radius: 6px; min-height: 32px; }
.act:hover { background: #fff; border-color: var(--line); color: var(--ink); }
.act[aria-pressed="true"] { color: var(--ok); font-weight: 600; }
.act[aria-disabled="true"] { opacity: .65; }
.count { font-size: 12.5px; color: var(--muted); padding: 4px 8px; }
.note { margin: 6px 0 0; font-size: 13px; padding: 6px 10px; border-radius: 8px; background: var(--bg2); border: 1px solid var(--line); }
.note.bad { background: var(--bad-bg); color: var(--bad); border-color: transparent; }
.menu { margin-top: 6px; padding: 8px; border: 1px solid var(--line); border-radius: 10px; background: #fff; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.menu p { margin: 0 0 2px; width: 100%; font-size: 13px; font-weight: 600; }
.chip { border: 1px solid var(--line); background: var(--bg2); border-radius: 99px; padding: 6px 12px; font-size: 13px; min-height: 34px; }
.chip:hover { border-color: var(--accent); }
.chip.plain { background: none; border-color: transparent; color: var(--muted); }

.composer { border-top: 1px solid var(--line); padding: 10px 12px 12px; background: var(--bg); }
.replying { display: flex; align-items: center; gap: 8px; font-size: 13px; color: var(--muted); margin-bottom: 6px; }
.replying span { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.row { display: flex; gap: 8px; align-items: flex-end; }
textarea { flex: 1; min-width: 0; resize: none; min-height: 44px; max-height: 160px; padding: 10px 12px; border: 1px solid #cfc5ca; border-radius: 10px; background: #fff; line-height: 1.4; }
textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: 0; border-color: var(--accent); }
textarea:disabled { background: var(--bg2); }
.send { background: var(--accent); color: #fff; border: 0; border-radius: 10px; padding: 0 16px; min-height: 44px; font-weight: 650; }
.send:disabled, .send[aria-disabled="true"] { opacity: .5; cursor: not-allowed; }
.foot { display: flex; justify-content: space-between; gap: 8px; margin-top: 6px; font-size: 12px; color: var(--muted); }
.counter.near { color: var(--warn); }
.counter.over { color: var(--bad); font-weight: 650; }
.error:empty { display: none; }
.error { margin: 8px 0 0; font-size: 13px; padding: 6px 10px; border-radius: 8px; background: var(--bad-bg); color: var(--bad); }
.info:empty { display: none; }
.info { margin: 8px 0 0; font-size: 13px; color: var(--ok); }
.alertform { display: flex; gap: 6px; padding: 8px 16px; border-bottom: 1px solid var(--line); background: var(--warn-bg); flex-wrap: wrap; align-items: center; }
.alertform input { flex: 1 1 180px; padding: 6px 10px; border: 1px solid #cfc5ca; border-radius: 8px; min-height: 36px; }
.alertform label { font-size: 13px; width: 100%; }
.linkbtn { border: 1px solid var(--line); background: #fff; border-radius: 99px; font-size: 12px; padding: 3px 10px; min-height: 28px; }

@media (max-width: 480px) {
  .cw { border-radius: 10px; font-size: 15px; }
  .head { padding: 10px 12px; }
  .list { padding: 6px 8px; max-height: var(--causette-height-mobile, 60vh); }
  .hint { display: none; }
  .act { min-height: 36px; }
}
@media (prefers-reduced-motion: no-preference) { .msg.new { animation: cw-in .25s ease-out; } }
@keyframes cw-in { from { opacity: 0; transform: translateY(4px); } to { opacity: 1; transform: none; } }
`;
