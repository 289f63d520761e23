// Helpers for browser checks (test/browser/*.test.mjs): drive the real VS Code workbench in
// headless Chromium the way a person would, by keyboard and mouse, and take screenshots.
// scripts/test-browser.mjs creates one `Workbench` per check and passes it in.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';

export class Workbench {
  /**
   * @param {import('playwright-core').Page} page
   * @param {{ port: number, repoRoot: string, defaultFolder: string, imagesDir: string,
   *           workbenchUrl: (folder: string) => string }} ctx
   */
  constructor(page, ctx) {
    this.page = page;
    this.ctx = ctx;
  }

  /** Opens the workbench on a folder (default: the runner's workspace) and waits until it can be used. */
  async open({ folder = this.ctx.defaultFolder, timeoutMs = 60_000 } = {}) {
    await this.page.goto(this.ctx.workbenchUrl(path.resolve(this.ctx.repoRoot, folder)), { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    // The explorer lists the folder once the remote connection is up.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /**
   * Opens the command palette, types `>title` and waits for the command's row; returns the input.
   * A webview that is still loading (the Markdown preview, the sandbox panel) can swallow F1 or take
   * focus back and close the palette: then focus returns to the workbench and the whole step is
   * tried again, until the row shows or the deadline passes.
   */
  async findCommand(title, { timeoutMs = 30_000 } = {}) {
    const input = this.page.locator('.quick-input-widget input');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 3_000 });
        await input.fill(`>${title}`, { timeout: 3_000 });
        await row.waitFor({ state: 'visible', timeout: 5_000 });
        return input;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`the command palette did not offer "${title}" within ${timeoutMs} ms: ${err.message}`);
        await this.page.keyboard.press('Escape');
        await this.page.locator('.part.statusbar').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
      }
    }
  }

  /** Runs a command from the command palette by its title, e.g. 'Developer: Show Running Extensions'. */
  async runCommand(title, { timeoutMs = 15_000 } = {}) {
    const input = await this.findCommand(title, { timeoutMs: Math.max(timeoutMs, 30_000) });
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /**
   * Opens a file of the workspace and waits for its editor: a top-level file by a double click in
   * the explorer, anything else by quick open (Ctrl+P, whose first file search can be slow).
   */
  async openFile(relativePath, { timeoutMs = 30_000 } = {}) {
    const name = path.basename(relativePath);
    if (!relativePath.includes('/')) {
      const row = this.page.locator('.explorer-folders-view .monaco-list-row').filter({
        has: this.page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
      }).first();
      if (await row.isVisible()) {
        await row.dblclick();
        await this.waitForEditor(name, { timeoutMs });
        return;
      }
    }
    await this.page.keyboard.press(`${mod}+KeyP`);
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    await input.fill(relativePath);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.keyboard.press('Enter');
    await this.waitForEditor(name, { timeoutMs });
  }

  /** Waits until the active editor tab is `fileName` and its text is drawn. */
  async waitForEditor(fileName, { timeoutMs = 30_000 } = {}) {
    await this.page.locator('.tab.active', { hasText: fileName }).waitFor({ state: 'visible', timeout: timeoutMs });
    await this.activeEditor().locator('.view-lines .view-line').first().waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** The focused editor group's code editor. */
  activeEditor() {
    return this.page.locator('.editor-group-container.active .monaco-editor[data-uri]').first();
  }

  /** Moves the cursor to a line (Ctrl+G), which scrolls it into view. */
  async goToLine(line, { timeoutMs = 10_000 } = {}) {
    // Focus by clicking a drawn line: a point of `.view-lines` itself may be scrolled out of the
    // editor (seen in CI: the page intercepted the click for 30 s, and the editor scrolled away).
    await this.activeEditor().locator('.view-lines .view-line').first().click({ position: { x: 1, y: 1 } });
    await this.page.keyboard.press(`${isMac ? 'Control' : 'Control'}+KeyG`);
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    await input.fill(`:${line}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: timeoutMs });
  }

  /**
   * Screen box of the `occurrence`-th visible occurrence (0-based) of `word` in the active editor,
   * measured on the rendered text (a DOM range over the token's text node).
   */
  async wordBox(word, { occurrence = 0 } = {}) {
    const box = await this.activeEditor().locator('.view-lines').evaluate((lines, { word, occurrence }) => {
      const rows = [...lines.querySelectorAll('.view-line')]
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      let seen = 0;
      for (const row of rows) {
        const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
        // A word may span several token spans; search the row's text and map back to text nodes.
        const nodes = [];
        let text = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push({ node: n, start: text.length });
          text += n.textContent.replace(/\u00a0/g, ' ');
        }
        const re = new RegExp(`(?<![A-Za-z0-9_])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`, 'g');
        for (let m = re.exec(text); m; m = re.exec(text)) {
          if (seen++ !== occurrence) continue;
          const at = (offset) => {
            const hit = nodes.findLast((x) => x.start <= offset);
            return [hit.node, offset - hit.start];
          };
          const range = document.createRange();
          range.setStart(...at(m.index));
          range.setEnd(...at(m.index + word.length - 1));
          range.setEnd(range.endContainer, range.endOffset + 1);
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
      }
      return null;
    }, { word, occurrence });
    assert.ok(box, `"${word}" (occurrence ${occurrence}) is not visible in the active editor; scroll to it first (goToLine)`);
    return box;
  }

  /**
   * Hovers the mouse over a word in the active editor and waits for VS Code's hover widget.
   * Returns the hover's locator. `contains`: wait until the hover text contains this string.
   */
  async hoverWord(word, { occurrence = 0, contains, timeoutMs = 15_000 } = {}) {
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden)').first();
    // Park the mouse elsewhere first, so the hover opens fresh.
    await this.page.mouse.move(1, 1);
    const box = await this.wordBox(word, { occurrence });
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    await hover.waitFor({ state: 'visible', timeout: timeoutMs });
    if (contains) {
      await hover.filter({ hasText: contains }).waitFor({ state: 'visible', timeout: timeoutMs });
    }
    return hover;
  }

  /** Saves a PNG of the page (or of `locator`) as docs/images/<name>.png; returns its path. */
  async screenshot(name, { locator, fullPage = false } = {}) {
    mkdirSync(this.ctx.imagesDir, { recursive: true });
    const file = path.join(this.ctx.imagesDir, `${name}.png`);
    if (locator) await locator.screenshot({ path: file });
    else await this.page.screenshot({ path: file, fullPage });
    return file;
  }
}
