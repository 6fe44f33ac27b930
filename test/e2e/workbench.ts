/** Driving the real VS Code workbench (code-server in chromium) the way a person does: palette, menus, webview. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { QUIET_SETTINGS, REPO, copyFixture, launchChromium, startCodeServer, workbenchUrl, type CodeServer } from '../host/codeServer';

export const ARTIFACTS = path.join(REPO, 'test-artifacts', 'e2e');

export interface Session {
  cs: CodeServer;
  browser: Browser;
  page: Page;
  workspace: string;
  dialogs: string[];
  close(): Promise<void>;
}

export async function openWorkbench(settings: Record<string, unknown> = {}, webOnly = false, fixture = 'demo'): Promise<Session> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const workspace = copyFixture(fixture);
  const cs = await startCodeServer({ installExtension: true, settings, webOnly });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cs.url });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(workbenchUrl(cs.url, { folder: workspace }));
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60000 });
  await page.locator('.explorer-folders-view').first().waitFor({ timeout: 60000 });
  return {
    cs,
    browser,
    page,
    workspace,
    dialogs,
    async close() {
      await browser.close().catch(() => undefined);
      await cs.stop();
      fs.rmSync(workspace, { recursive: true, force: true });
    },
  };
}

/** Run a command from the palette by its title (contributed commands appear a few seconds after start-up). */
export async function runCommand(page: Page, title: string): Promise<void> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    // Escape only closes an open palette: pressed in an editor it would drop the selection the command needs.
    if (await page.locator('.quick-input-widget').isVisible()) await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15000 });
    try {
      await input.fill('>' + title, { timeout: 5000 });
    } catch (e) {
      // A modal dialog came up while the palette opened (the workbench goes inert and the palette closes): on a
      // loaded machine it is code-server's "reconnecting" dialog. Wait for it to go, say what it was, and try again.
      const dialog = await modalText(page);
      if (!dialog && attempt >= 3) throw e;
      console.log(`    (runCommand "${title}": the palette could not be typed in${dialog ? `; a dialog was up: ${dialog}` : ''})`);
      await page.locator('.monaco-dialog-box').first().waitFor({ state: 'hidden', timeout: 60000 }).catch(() => {
        throw new Error(`"${title}": the palette is blocked by a dialog that stays: ${dialog}`);
      });
      continue;
    }
    // The row whose label is exactly the title (the filter also lists longer titles that contain it).
    const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 2500 });
    } catch {
      continue;
    }
    // Move the keyboard focus to that row and press Enter (a click can land on the next picker opening there).
    for (let i = 0; i < 10; i++) {
      const focused = page.locator('.quick-input-list .monaco-list-row.focused').filter({ has: page.locator('.label-name', { hasText: exact }) });
      if ((await focused.count()) > 0) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    return;
  }
  throw new Error(`"${title}" never appeared in the command palette`);
}

/** Choose `dir/file` (relative to the workspace) in VS Code's own open dialog (a quick pick in the web workbench). */
export async function chooseInFileDialog(page: Page, dir: string, file: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15000 });
  const row = (name: string) => page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace('.', '\\.')}$`) }) }).first();
  // It may open where the last dialog was.
  if (!(await input.inputValue()).replace(/\/$/, '').endsWith(`/${dir}`)) {
    await row(dir).click();
    await row(file).waitFor({ timeout: 10000 });
  }
  // A click on a file row accepts it (the quick pick's accept); an Enter pressed after that would land in the
  // editor and replace its selection. Press Enter only if the dialog is still open a moment later.
  await row(file).click();
  const closed = await input.waitFor({ state: 'hidden', timeout: 2000 }).then(() => true, () => false);
  if (!closed) {
    for (let i = 0; i < 30 && !(await input.inputValue()).endsWith(`/${dir}/${file}`); i++) await page.waitForTimeout(100);
    await input.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10000 });
  }
}

/** The text of the modal dialog that is up, if any. */
async function modalText(page: Page): Promise<string | undefined> {
  const box = page.locator('.monaco-dialog-box').first();
  if (!(await box.isVisible().catch(() => false))) return undefined;
  return (await box.innerText().catch(() => '?')).replace(/\s+/g, ' ').trim();
}

/** Whether the palette lists a command for the current context. */
export async function paletteLists(page: Page, title: string): Promise<boolean> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill('>' + title);
  // The list fills in as the palette evaluates each command's "when": wait up to 3 s for the row (a loaded machine
  // can take more than the 800 ms this used to allow).
  const shown = await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 3000 }).then(() => true, () => false);
  await page.keyboard.press('Escape');
  return shown;
}

/** Open a file with Quick Open: by name, or by absolute path (for a file so new the search index has not seen it). */
export async function openFile(page: Page, nameOrPath: string): Promise<void> {
  const name = path.basename(nameOrPath);
  // Quick Open lists a file created a moment ago only once the workbench has seen it: retry.
  for (let attempt = 1; attempt <= 15; attempt++) {
    if (await page.locator('.quick-input-widget').isVisible()) await page.keyboard.press('Escape');
    // Into the first editor group, never over the inspector beside it.
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    try {
      await input.waitFor({ state: 'visible', timeout: 3000 });
    } catch {
      // The keys went to a webview that kept them: move the focus to the workbench (the side bar's title) and retry.
      await page.locator('.part.sidebar .composite.title').first().click();
      continue;
    }
    try {
      // A quick input that closes under the fill (a command's own picker finishing, a notification taking focus) is
      // opened again, not waited on for the whole timeout.
      await input.fill(nameOrPath, { timeout: 5000 });
      // The focused row, not any row: Enter opens the focused one, and the list may still show recent files.
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first().waitFor({ timeout: 2000 });
    } catch {
      continue;
    }
    await page.keyboard.press('Enter');
    await page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 15000 });
    return;
  }
  throw new Error(`Quick Open never listed ${name}`);
}

/** Put the cursor at a line and column (1-based) with Go to Line, as a person does with Ctrl+G. */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await editor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+g');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`:${line}:${column}`);
  await page.waitForTimeout(200);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
}

export function editor(page: Page) {
  return page.locator('.editor-instance .monaco-editor').first();
}

/** The active editor's text, as VS Code renders it (one line per view line). */
export async function editorText(page: Page): Promise<string> {
  return (await editor(page).locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
}

export async function selectAll(page: Page): Promise<void> {
  await editor(page).locator('.view-lines').click();
  await page.keyboard.press('Control+A');
}

/** Right-click in the editor and choose a context menu entry. */
export async function contextMenu(page: Page, label: string): Promise<void> {
  await editor(page).locator('.view-lines').click({ button: 'right' });
  const item = page.locator('.context-view .action-item', { hasText: label }).first();
  await item.waitFor({ state: 'visible', timeout: 10000 });
  // VS Code's menus act on the focused entry; hovering focuses it, Enter runs it (a synthetic click can be lost
  // between mousedown and mouseup while the menu animates in).
  await item.hover();
  await page.keyboard.press('Enter');
  await page.locator('.context-view .monaco-menu').first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
}

export async function contextMenuLabels(page: Page): Promise<string[]> {
  await editor(page).locator('.view-lines').click({ button: 'right' });
  await page.locator('.context-view .action-item').first().waitFor({ state: 'visible', timeout: 10000 });
  const labels = await page.locator('.context-view .action-item .action-label').allInnerTexts();
  await page.keyboard.press('Escape');
  return labels.map((l) => l.trim()).filter(Boolean);
}

/**
 * The visible texts of the panel whose contrast against their background is under 4.5:1 (WCAG 2 AA), computed from
 * the styles as the browser resolved them: colour with its alpha over the nearest opaque background up the tree.
 * Disabled controls are exempt (WCAG: inactive components), as are the masked dots of a secret.
 */
export async function contrastFailures(view: FrameLocator): Promise<string[]> {
  return view.locator('body').evaluate(() => {
    const rgba = (c: string): number[] => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p[3] ?? 1];
    };
    const over = (top: number[], bottom: number[]) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
    const lum = (c: number[]) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        const x = v / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const background = (el: Element | null): number[] => {
      const layers: number[][] = [];
      for (let e = el; e; e = e.parentElement) {
        const bg = rgba(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let c = [255, 255, 255, 1];
      if (!layers.length || layers[layers.length - 1][3] < 1) c = rgba(getComputedStyle(document.documentElement).backgroundColor)[3] ? rgba(getComputedStyle(document.documentElement).backgroundColor) : c;
      for (const l of layers.reverse()) c = over(l, c);
      return c;
    };
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim());
      if (!own || !(el as HTMLElement).getClientRects().length) continue;
      if ((el as HTMLButtonElement).disabled || el.closest('[hidden], .mask, button:disabled, option')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      const bg = background(el);
      const fg = over(rgba(style.color), bg);
      const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < 4.5) out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${(el.className || '').toString().replace(/ /g, '.')} "${el.textContent!.trim().slice(0, 30)}": ${ratio.toFixed(2)}:1 (${style.color} on rgb(${bg.slice(0, 3).map(Math.round).join(',')}))`);
    }
    return [...new Set(out)];
  });
}

export function inspector(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
}

export async function toast(page: Page, text: string | RegExp): Promise<string> {
  const t = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await t.waitFor({ state: 'visible', timeout: 20000 });
  return t.innerText();
}

export async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Switch the colour theme by its id, as a person editing settings.json would: open the user settings JSON, replace
 * it, save, close. (The theme picker of this offline host lists only marketplace themes, and the settings file's
 * watcher is not reliable here.)
 */
export async function setTheme(s: Session, themeId: string, themeClass: RegExp): Promise<void> {
  const settings = { ...QUIET_SETTINGS, 'workbench.colorTheme': themeId };
  await runCommand(s.page, 'Preferences: Open User Settings (JSON)');
  // It opens in a tab or, in newer workbenches, a floating editor: either way it has the focus.
  await s.page.locator('.monaco-editor.focused', { hasText: 'workbench.startupEditor' }).first().waitFor({ timeout: 15000 });
  await s.page.keyboard.press('Control+A');
  await s.page.keyboard.press('Delete');
  await s.page.keyboard.insertText(JSON.stringify(settings));
  await s.page.keyboard.press('Control+S');
  for (let i = 0; i < 100; i++) {
    if (themeClass.test((await s.page.locator('.monaco-workbench').getAttribute('class')) ?? '')) break;
    await s.page.waitForTimeout(100);
  }
  await s.page.keyboard.press('Control+W');
  if (!themeClass.test((await s.page.locator('.monaco-workbench').getAttribute('class')) ?? '')) throw new Error(`the theme did not change to ${themeId}`);
  await s.page.waitForTimeout(700);
}
