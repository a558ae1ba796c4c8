// Layout details of the chat that app.css does not cover (composer, tool list, sources, proposed
// actions, feedback buttons, the phone layout). Adopted once as a constructed stylesheet (the
// Content-Security-Policy refuses inline <style>) so app.css stays untouched; a candidate for
// promotion into app.css.

const CSS = `
.chat-side { align-self: start; }
.chat-side summary { cursor: pointer; list-style: none; }
.chat-side summary::-webkit-details-marker { display: none; }
.chat-side summary h2 { display: inline; }
.chat-side summary::after { content: " ▾"; color: var(--muted); }
.chat-side:not([open]) summary::after { content: " ▸"; }
.chat-sessions { margin-top: .5rem; max-height: calc(100vh - 17rem); overflow-y: auto; }
.chat-sessions .small { display: block; }
.chat-pane { display: flex; flex-direction: column; gap: .75rem; min-width: 0; }
.chat-head { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
.chat-head h2 { flex: 1; margin: 0; overflow-wrap: anywhere; }
.chat-head form.form { flex: 1; grid-template-columns: 1fr; }
.chat-log { border: 1px solid var(--border); border-radius: var(--radius); background: var(--bg); padding: .75rem; min-height: 14rem; max-height: max(14rem, calc(100vh - 21rem)); }
.msg.user .meta { color: var(--primary-soft); }
.chat-intro { white-space: normal; }
.chat-intro ul { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .5rem; }
.chat-composer { display: grid; grid-template-columns: 1fr auto; gap: .5rem; align-items: end; }
.chat-composer > .chat-composer-errors, .chat-composer > .hint { grid-column: 1 / -1; }
.chat-composer textarea { min-height: 3.2rem; width: 100%; }
.chat-composer .row { flex-wrap: nowrap; }
.msg > :is(.chat-tools, .chat-sources, .chat-action, .chat-activity, .meta, .chat-feedback) { white-space: normal; }
.msg.assistant { width: 85%; }
.msg.assistant[data-status="failed"] { border-color: var(--danger); }
.chat-text:empty { display: none; }
.chat-tools { list-style: none; margin: 0 0 .4rem; padding: 0; }
.chat-tools details summary { cursor: pointer; }
.chat-tools .tool-body { margin: .25rem 0 .25rem 1rem; font-style: normal; color: var(--text); white-space: pre-wrap; }
.chat-activity { margin: 0; }
.chat-sources { margin-top: .5rem; font-size: .85rem; }
.chat-sources ol { margin: .25rem 0 0; padding-left: 1.5rem; }
.chat-sources li + li { margin-top: .25rem; }
.chat-sources .snippet { display: block; color: var(--muted); }
.chat-action { border: 1px solid var(--border); border-left: 4px solid var(--primary); border-radius: 6px; padding: .6rem .75rem; margin-top: .6rem; background: var(--surface); }
.chat-action[data-status="proposed"] { border-left-color: var(--warn); background: var(--warn-soft); }
.chat-action[data-status="confirmed"] { border-left-color: var(--ok); }
.chat-action[data-status="failed"] { border-left-color: var(--danger); }
.chat-action h3 { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin-bottom: .35rem; }
.chat-action dl { display: grid; grid-template-columns: auto 1fr; gap: .15rem .75rem; margin: .4rem 0; }
.chat-action dt { font-weight: 600; }
.chat-action dd { margin: 0; overflow-wrap: anywhere; }
.chat-action .alert { margin: .5rem 0 0; }
.chat-feedback { display: flex; gap: .35rem; align-items: center; flex-wrap: wrap; margin-top: .4rem; }
.chat-feedback .btn { min-height: 2rem; padding: .15rem .5rem; }
.chat-feedback .btn svg { width: 1rem; height: 1rem; fill: none; stroke: currentColor; stroke-width: 2; stroke-linejoin: round; }
.chat-feedback .btn[aria-pressed="true"] { background: var(--primary-soft); border-color: var(--primary); color: var(--primary-dark); }
.chat-feedback .btn[aria-pressed="true"] svg { fill: currentColor; }
.chat-feedback form { flex-basis: 100%; display: grid; gap: .4rem; }
.chat-feedback textarea { min-height: 3.5rem; }
@media (max-width: 820px) {
  .chat { min-height: 0; }
  .chat-log { max-height: 60vh; padding: .5rem; }
  .msg, .msg.assistant { max-width: 100%; width: auto; }
  .msg.assistant { align-self: stretch; }
  .chat-sessions { max-height: 40vh; overflow-y: auto; }
}
`;

let sheet = null;

/** Adds the chat's styles to the document (once). Without constructed stylesheets app.css alone still works. */
export function addChatStyle() {
  if (sheet || typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
  sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
