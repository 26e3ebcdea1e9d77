/**
 * The Sessions page, live (issue 11): a Server-Sent Events stream sends the table's rows as the
 * server renders them whenever they change; Pending rows count down between updates. The
 * EventSource reconnects by itself after a network drop; the caption says when it is live.
 */
import { enableCopyLinks } from './copy-link.js';
import { stamp, startCountdown } from './countdown.js';

function live(): void {
  const view = document.getElementById('sessions-view');
  const body = document.getElementById('sessions-body');
  const caption = document.getElementById('sessions-live');
  if (view === null || body === null) return;
  enableCopyLinks(body);
  startCountdown(body);
  const events = new EventSource(view.dataset.events ?? '/sessions/events');
  events.addEventListener('open', () => {
    if (caption !== null) caption.textContent = 'Live: updates as sessions change.';
  });
  events.addEventListener('rows', (event) => {
    // The server escaped every value; this markup is the same the page was rendered with.
    body.innerHTML = (event as MessageEvent<string>).data;
    stamp(body);
    enableCopyLinks(body);
    if (caption !== null) caption.textContent = `Live: updated ${new Date().toLocaleTimeString()}.`;
  });
  events.addEventListener('logout', () => {
    events.close();
    window.location.assign('/login');
  });
  events.addEventListener('error', () => {
    if (caption !== null) caption.textContent = 'Connection to the appliance lost; reconnecting…';
  });
}

live();
