// Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by
// playwright-core (which cannot download a browser of its own here). A test calls
// launchOrSkip(): where Chromium or Playwright is missing, or Chromium cannot start, it
// prints "SKIPPED: <reason>" (ctest reports the test as skipped) and ends the process.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const CHROMIUM = process.env.CHAINRULE_CHROMIUM || '/usr/bin/chromium';

// Flags for a closed network: without the background-networking ones Chromium keeps
// trying to reach Google's hosts.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync',
               '--font-render-hinting=none'];

function skip(reason) {
  console.log(`SKIPPED: ${reason}`);
  process.exit(0);
}

export async function launchOrSkip() {
  if (!existsSync(CHROMIUM)) skip(`no Chromium at ${CHROMIUM} (Debian: apt-get install chromium; scripts/install-deps.sh)`);
  let chromium;
  try {
    ({ chromium } = createRequire(import.meta.url)('playwright-core'));
  } catch {
    skip('playwright-core is not installed in tests/browser (scripts/install-deps.sh runs npm ci there)');
  }
  try {
    return await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  } catch (e) {
    skip(`Chromium cannot start here: ${String(e.message).split('\n')[0]}`);
  }
}

/// Where a test writes its files and screenshots (the build tree's, from ctest).
export const OUT_DIR = process.env.CHAINRULE_TEST_OUT || '/tmp/chainrule-browser';
