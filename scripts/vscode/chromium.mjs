// Debian's Chromium driven by playwright-core (no browser download).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './paths.mjs';

/**
 * Launches a headless Chromium with a fresh profile under `profileDir` and returns the
 * persistent context. Chromium gets XDG folders of its own too, so the home folder stays clean.
 */
export async function launchChromium(profileDir, { viewport = { width: 1400, height: 900 }, headless = true } = {}) {
  rmSync(profileDir, { recursive: true, force: true });
  const env = { ...process.env };
  for (const [key, sub] of [
    ['XDG_CONFIG_HOME', 'config'],
    ['XDG_CACHE_HOME', 'cache'],
    ['XDG_DATA_HOME', 'data'],
  ]) {
    env[key] = join(profileDir, 'xdg', sub);
    mkdirSync(env[key], { recursive: true });
  }
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
