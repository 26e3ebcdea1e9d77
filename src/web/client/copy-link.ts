/**
 * "Copy link" buttons (issue 11: a copyable deep link to a session). Without JavaScript they stay
 * hidden and the session id itself is the link; with it they copy the absolute URL.
 */
export function enableCopyLinks(root: ParentNode = document): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button.copy-link')) {
    if (button.dataset.ready === '1') continue;
    button.dataset.ready = '1';
    button.hidden = false;
    button.addEventListener('click', () => {
      const url = new URL(button.dataset.href ?? '/', window.location.origin).href;
      void navigator.clipboard.writeText(url).then(
        () => flash(button, 'Copied'),
        () => flash(button, url),
      );
    });
  }
}

function flash(button: HTMLButtonElement, text: string): void {
  const before = button.textContent;
  button.textContent = text;
  setTimeout(() => { button.textContent = before; }, 1500);
}
