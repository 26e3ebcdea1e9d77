/**
 * Pending's time remaining, counting down live (issue 11; the seed says "refresh your browser").
 * The server renders `data-remaining` seconds; from the moment a row arrives the page counts them
 * down each second until the next update replaces the row.
 */
export function startCountdown(root: ParentNode = document): void {
  stamp(root);
  setInterval(() => tick(root), 250);
}

/** Marks freshly rendered Pending cells with their deadline on this page's clock. */
export function stamp(root: ParentNode): void {
  const now = performance.now();
  for (const cell of root.querySelectorAll<HTMLElement>('[data-remaining]')) {
    if (cell.dataset.deadline !== undefined) continue;
    cell.dataset.deadline = String(now + Number(cell.dataset.remaining) * 1000);
  }
}

function tick(root: ParentNode): void {
  const now = performance.now();
  for (const cell of root.querySelectorAll<HTMLElement>('[data-deadline]')) {
    const left = Math.max(0, Math.ceil((Number(cell.dataset.deadline) - now) / 1000));
    const target = cell.querySelector('.remaining');
    if (target !== null && target.textContent !== String(left)) target.textContent = String(left);
  }
}
