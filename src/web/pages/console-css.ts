/**
 * The console's one stylesheet, served as /assets/console.css (kept in TypeScript so the build
 * needs no copy step). Status colours always come with the status in words (issue 11). Tables
 * turn into stacked cards on a narrow screen (each cell labelled by its `data-label`).
 */
export const CONSOLE_CSS = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #fff; --accent: #0b5cad;
  --active: #116329; --active-bg: #dafbe1; --inactive: #57606a; --inactive-bg: #eaeef2;
  --pending: #7d4e00; --pending-bg: #fff1c2; --ended: #82071e; --ended-bg: #ffebe9; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f0a30a; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 10; }
.top { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 20px; padding: 10px 20px; background: #24292f; color: #fff; }
.top a { color: #fff; text-decoration: none; padding: 4px 2px; }
.top a[aria-current="page"] { border-bottom: 2px solid #fff; }
.top nav { display: flex; gap: 16px; flex: 1; }
.brand { font-weight: 700; letter-spacing: .04em; }
.logout { display: flex; align-items: center; gap: 8px; margin: 0; }
.who { opacity: .85; }
main { padding: 16px 20px 40px; max-width: 1200px; }
h1 { font-size: 1.5rem; margin: 8px 0 16px; }
h2 { font-size: 1.15rem; margin: 24px 0 8px; }
button, .button { font: inherit; padding: 5px 12px; border: 1px solid var(--line); border-radius: 6px; background: #f6f8fa;
  color: var(--fg); cursor: pointer; text-decoration: none; display: inline-block; }
button.danger { background: #cf222e; border-color: #a40e26; color: #fff; }
button.primary, .button.primary { background: #1f883d; border-color: #1a7f37; color: #fff; }
input, select { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; }
label { font-weight: 600; }
.message { padding: 8px 12px; border-radius: 6px; }
.message.error { background: var(--ended-bg); color: var(--ended); }
.message.info { background: var(--active-bg); color: var(--active); }
.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin-bottom: 12px; }
.filters div { display: flex; flex-direction: column; gap: 2px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; white-space: nowrap; }
.status-active { color: var(--active); background: var(--active-bg); }
.status-inactive { color: var(--inactive); background: var(--inactive-bg); }
.status-pending { color: var(--pending); background: var(--pending-bg); }
.status-ended { color: var(--ended); background: var(--ended-bg); }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
.actions form { margin: 0; }
dl.info { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0 0 12px; }
dl.info dt { font-weight: 600; color: var(--muted); }
dl.info dd { margin: 0; }
.login-form { display: flex; flex-direction: column; gap: 10px; max-width: 320px; }
.login-form input { width: 100%; }
.conn-status { font-weight: 600; }
.terminal-bar { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; margin-bottom: 8px; }
#terminal { height: 70vh; min-height: 240px; background: #000; border-radius: 6px; overflow: hidden; }
.muted { color: var(--muted); }
.live { font-size: .85rem; color: var(--muted); }
@media (max-width: 700px) {
  main { padding: 12px; }
  table.cards thead { position: absolute; left: -9999px; }
  table.cards tr { display: block; border: 1px solid var(--line); border-radius: 8px; margin-bottom: 10px; padding: 4px 0; }
  table.cards td, table.cards th[scope="row"] { display: flex; gap: 12px; border: 0; padding: 3px 10px; background: none; }
  table.cards td::before, table.cards th[scope="row"]::before { content: attr(data-label); font-weight: 600; min-width: 7.5em; color: var(--muted); }
  dl.info { grid-template-columns: 1fr; gap: 0 0; }
  dl.info dd { margin-bottom: 8px; }
  #terminal { height: 60vh; }
}
`;
