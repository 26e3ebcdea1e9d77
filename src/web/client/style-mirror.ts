/**
 * xterm.js writes its theme and geometry into `<style>` elements it creates. The console's strict
 * CSP (`style-src 'self'`, no 'unsafe-inline') keeps the browser from applying those, so their
 * text is copied into constructed stylesheets (CSSOM, which CSP does not govern) and kept in step.
 */
export function mirrorInlineStyles(root: HTMLElement): void {
  const sheets = new Map<HTMLStyleElement, CSSStyleSheet>();
  const sync = (): void => {
    for (const element of root.querySelectorAll('style')) {
      let sheet = sheets.get(element);
      if (sheet === undefined) {
        sheet = new CSSStyleSheet();
        sheets.set(element, sheet);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }
      sheet.replaceSync(element.textContent ?? '');
    }
  };
  new MutationObserver(sync).observe(root, { subtree: true, childList: true, characterData: true });
  sync();
}
