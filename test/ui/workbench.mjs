// What a user does in the VS Code workbench, as playwright-core steps. Every step waits
// on a visible DOM state (never a fixed delay); steps that can race the workbench's own
// start-up are retried until the state appears.

/** How long one DOM state may take to appear before the step fails. */
export const STEP_MS = 30_000;

/**
 * Retries `attempt` until it returns without throwing or `totalMs` runs out. Between
 * attempts it waits for the page's next rendered frame, so a step that fails at once
 * does not spin.
 */
export async function retry(page, what, attempt, totalMs = 90_000) {
  const deadline = Date.now() + totalMs;
  let lastError;
  for (let n = 1; Date.now() < deadline; n++) {
    try {
      return await attempt(n);
    } catch (err) {
      lastError = err;
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)))).catch(() => undefined);
    }
  }
  throw new Error(`${what}: ${lastError instanceof Error ? lastError.message.split('\n')[0] : lastError}`);
}

/** Waits until the workbench, the explorer (showing `firstEntry`) and the status bar are up. */
export async function waitForWorkbench(page, firstEntry) {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await explorerRow(page, firstEntry).waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.statusbar').waitFor({ state: 'visible', timeout: STEP_MS });
}

function explorerRow(page, name) {
  return page.locator('.explorer-folders-view .monaco-list-row').filter({
    has: page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
  });
}

/** Opens `a/b/file` by clicking through the explorer tree, then waits for its editor. */
export async function openFromExplorer(page, relativePath) {
  const parts = relativePath.split('/');
  for (const [i, name] of parts.entries()) {
    const row = explorerRow(page, name).first();
    await row.waitFor({ state: 'visible', timeout: STEP_MS });
    const isFile = i === parts.length - 1;
    if (isFile || (await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  }
  const fileName = parts.at(-1);
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ state: 'visible', timeout: STEP_MS });
  // Lines have no box while the editor lays out; a visible line means it can be clicked.
  await page.locator('.editor-instance .view-line').first().waitFor({ state: 'visible', timeout: STEP_MS });
}

/** Opens the quick input with F1 (retried: the first press can land before focus). */
async function openQuickInput(page) {
  const input = page.locator('.quick-input-widget input');
  await retry(
    page,
    'open the command palette',
    async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
    },
    STEP_MS,
  );
  return input;
}

/** Runs the command titled `title` from the command palette. */
export async function runCommand(page, title) {
  const input = await openQuickInput(page);
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: STEP_MS });
  await row.click();
}

/** The editor token whose text is `text` (a string literal such as 'crm.lead.add'). */
function editorToken(page, text) {
  return page.locator('.editor-instance .view-line span > span', { hasText: text }).first();
}

/** Moves the cursor to `line:column` (1-based) with Go to Line, which also scrolls it into view. */
export async function goToLine(page, line, column) {
  const input = await openQuickInput(page);
  // ":" turns the palette into Go to Line.
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: STEP_MS });
  await page.locator('.statusbar', { hasText: `Ln ${line}, Col ${column}` }).waitFor({ state: 'visible', timeout: STEP_MS });
}

/**
 * Shows the hover over `method`, which sits at `line:column` of the open editor, until it
 * holds `expect`: first by pointing at it, then with "Show or Focus Hover" (the language
 * server may not have answered the first time). Returns the hover's text.
 */
export async function hoverMethod(page, { method, line, column }, expect) {
  const hover = page.locator('.monaco-hover:visible', { hasText: method });
  return retry(page, `hover on ${method}`, async (attempt) => {
    await goToLine(page, line, column);
    if (attempt === 1) {
      const token = editorToken(page, method);
      await token.waitFor({ state: 'visible', timeout: STEP_MS });
      await token.hover();
    } else {
      await runCommand(page, 'Show or Focus Hover');
    }
    await hover.first().waitFor({ state: 'visible', timeout: 5_000 });
    const text = await hover.first().innerText();
    if (!expect.test(text)) throw new Error(`hover says: ${text.slice(0, 200)}`);
    return text;
  });
}

/** Opens an activity-bar container by its title and returns the pane whose header is `paneTitle`. */
export async function openView(page, containerTitle, paneTitle) {
  const icon = page.locator(`.activitybar .action-item a[aria-label^="${containerTitle}"]`).first();
  await icon.waitFor({ state: 'visible', timeout: STEP_MS });
  const pane = page.locator('.sidebar .pane').filter({ has: page.locator('.pane-header', { hasText: paneTitle }) });
  await retry(
    page,
    `open the ${containerTitle} view`,
    async () => {
      if (!(await pane.first().isVisible())) await icon.click();
      await pane.first().waitFor({ state: 'visible', timeout: 5_000 });
    },
    STEP_MS,
  );
  // The container holds more than one pane (App Scopes above Site Rights): give this one the
  // room by expanding it and collapsing the others, so its tree rows are laid out.
  await retry(
    page,
    `expand the ${paneTitle} pane`,
    async () => {
      const headers = page.locator('.sidebar .pane > .pane-header');
      for (let i = 0; i < (await headers.count()); i++) {
        const header = headers.nth(i);
        const mine = (await header.innerText()).toLowerCase().includes(paneTitle.toLowerCase());
        if ((await header.getAttribute('aria-expanded')) === (mine ? 'false' : 'true')) await header.click();
      }
      await pane.first().locator('.pane-header[aria-expanded="true"]').waitFor({ state: 'visible', timeout: 2_000 });
    },
    STEP_MS,
  );
  return pane.first();
}

/** The row of a tree in `pane` whose text matches `text` (a string or RegExp). */
export function treeRow(pane, text) {
  return pane.locator('.monaco-list-row', { hasText: text }).first();
}

/**
 * Clicks a tree row's inline action (they show while the row is hovered). Only finding
 * the button is retried; the click itself happens once, so a command never runs twice.
 */
export async function clickRowAction(page, row, title) {
  const action = row.locator(`.actions .action-label[aria-label^="${title}"]`);
  await retry(
    page,
    `show the "${title}" button`,
    async () => {
      await row.hover();
      await action.waitFor({ state: 'visible', timeout: 2_000 });
    },
    STEP_MS,
  );
  await action.click();
}

/** The quick input's row holding `text`, once it is shown. */
export async function quickPickRow(page, text) {
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout: STEP_MS });
  return row;
}

/** Clicks `button` in the modal dialog that says `message`. */
export async function answerDialog(page, message, button) {
  const dialog = page.locator('.monaco-dialog-box', { hasText: message });
  await dialog.waitFor({ state: 'visible', timeout: STEP_MS });
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: new RegExp(`^${button}$`) }).click();
  await dialog.waitFor({ state: 'hidden', timeout: STEP_MS });
}

/** The notification toast that says `text`, once it is shown; returns its text. */
export async function notificationToast(page, text) {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout: STEP_MS });
  return toast.innerText();
}

/**
 * Waits until the workbench has stopped moving: no progress bar running, no notification
 * or quick input sliding, and every element on the path to each visible toast, hover and
 * dialog fully opaque. Screenshots are taken after this, never after a fixed delay.
 */
export async function settled(page) {
  await page.waitForFunction(
    () => {
      const busy = [...document.querySelectorAll('.monaco-progress-container.active, .monaco-progress-container.infinite')].some(
        (el) => el.offsetParent !== null,
      );
      if (busy) return false;
      // Endless animations (a spinner) never finish; every other must have.
      if (document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity)) return false;
      const watched = document.querySelectorAll(
        '.notification-toast-container, .monaco-hover, .monaco-dialog-box, .quick-input-widget, .monaco-list-row.focused',
      );
      for (const node of watched) {
        if (node.offsetParent === null) continue;
        for (let el = node; el && el !== document.body; el = el.parentElement) if (getComputedStyle(el).opacity !== '1') return false;
        if (node.getAnimations?.().some((a) => a.playState === 'running')) return false;
      }
      return true;
    },
    undefined,
    { timeout: STEP_MS },
  );
}

/** Takes the screenshot `name`.png in the ui output folder once the workbench has settled; returns its path. */
export async function screenshot(page, outputDir, name) {
  await settled(page);
  const file = `${outputDir}/${name}.png`;
  await page.screenshot({ path: file });
  console.log(`      screenshot: ${file}`);
  return file;
}

/** Drags the sash at the sidebar's right edge so the sidebar is `width` pixels wide. */
export async function sidebarWidth(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) throw new Error('no sidebar');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((w) => Math.abs((document.querySelector('.part.sidebar')?.getBoundingClientRect().width ?? 0) - w) < 40, width, {
    timeout: STEP_MS,
  });
}
