// Debian's Chromium driven by playwright-core (no browser download).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths.mjs';
import { scratchXdgEnv } from './code-server.mjs';

/**
 * Launches a headless Chromium with a fresh profile under `profileDir` and returns the
 * persistent context. Chromium gets XDG folders of its own too, so the home folder stays clean.
 */
export async function launchChromium(profileDir, { viewport = { width: 1400, height: 900 }, headless = true } = {}) {
  rmSync(profileDir, { recursive: true, force: true });
  const env = { ...process.env, ...scratchXdgEnv(profileDir) };
  return chromium.launchPersistentContext(join(profileDir, 'profile'), {
    executablePath: chromiumPath,
    headless,
    viewport,
    env,
    args: [
      ...(headless ? ['--headless'] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
