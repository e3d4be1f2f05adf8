#!/usr/bin/env node
// Prepares a fresh clone for `npm start`, `npm test` and `npm run bench`,
// with nothing but Node and npm: installs the locked dependencies when
// node_modules is missing or older than package-lock.json, and Debian's
// Chromium and Firefox ESR when /usr/bin/chromium or /usr/bin/firefox-esr is
// missing (as root, with apt-get).
// Plain Node on purpose: it runs before any dependency exists.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// Each browser the tests drive: where Debian installs it, and its package.
const BROWSERS = [
  { path: '/usr/bin/chromium', pkg: 'chromium' },
  { path: '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
];
const MIN_NODE = [20, 19];
const needsBrowser = !process.argv.includes('--no-browser');

function fail(message) {
  console.error(`bootstrap: ${message}`);
  process.exit(1);
}

function run(command, args, env = {}) {
  console.log(`bootstrap: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(' ')} exited with code ${result.status}`);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
  fail(`Node ${MIN_NODE.join('.')} or newer is needed (Vite 8); this is ${process.versions.node}.`);
}

// npm writes node_modules/.package-lock.json on every install: older than the
// lock file means the lock file changed since.
const lock = join(ROOT, 'package-lock.json');
const installed = join(ROOT, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  run('npm', ['ci', '--no-audit', '--no-fund'], { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', PUPPETEER_SKIP_DOWNLOAD: '1' });
}

const missing = needsBrowser ? BROWSERS.filter((browser) => !existsSync(browser.path)) : [];
if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const packages = missing.map((browser) => browser.pkg);
  if (!isRoot) {
    fail(
      `${missing.map((browser) => browser.path).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing. Install Debian's packages as root ("apt-get install ${packages.join(' ')}"), then run this again. No other browser is used or downloaded.`,
    );
  }
  run('apt-get', ['update'], { DEBIAN_FRONTEND: 'noninteractive' });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { DEBIAN_FRONTEND: 'noninteractive' });
  for (const browser of missing) {
    if (!existsSync(browser.path)) fail(`apt-get finished but ${browser.path} is still missing.`);
  }
}
