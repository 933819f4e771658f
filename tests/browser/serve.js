// tests/browser/serve.js KANSLI SITE — `kansli serve`'s error overlay the way the secretary
// gets it: serves a copy of SITE (a folder with content/), opens a meeting's page in
// headless Chromium, breaks a key of that meeting's file and checks that the page shows
// the error over the last good page (file, line:column, message), no taller than it needs,
// that "Dölj" hides it, and that fixing the file reloads the page without it.
// Needs node with playwright-core (the site checkers' node_modules, on NODE_PATH) and
// chromium. Used by .ci/run.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const [kansli, site] = process.argv.slice(2);
const MEETING = 'content/meetings/regionradet/2025-03-06.toml';
const PAGE = 'moten/regionradet/2025-03-06/';

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function check(ok, what) {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${what}`);
  if (!ok) process.exitCode = 1;
  return ok;
}

(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kansli-serve-'));
  fs.cpSync(path.join(site, 'content'), path.join(root, 'content'), { recursive: true });
  const file = path.join(root, MEETING);
  const good = fs.readFileSync(file, 'utf8');
  const port = await freePort();
  const serve = spawn(kansli, ['--root', root, 'serve', '--port', String(port)], { stdio: 'ignore' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10000);
    const url = `http://127.0.0.1:${port}/${PAGE}`;
    for (let i = 0; ; i++) {
      const answer = await page.goto(url).catch(() => null);
      if (answer && answer.ok()) break;
      if (i === 100) throw new Error(`kansli serve did not answer on ${url}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    check((await page.locator('#kansli-fel').count()) === 0, 'the page opens without an overlay');

    fs.writeFileSync(file, good.replace(/^place = /m, 'plats = '));
    const overlay = page.locator('#kansli-fel');
    await overlay.waitFor({ state: 'visible', timeout: 15000 });
    const text = await overlay.innerText();
    check(text.includes(`${MEETING}:5:1: okänd nyckel \`plats\``), 'the overlay names the file, line:column and fault');
    check(text.includes('menade du `place`?'), 'the overlay gives the hint');
    const box = await overlay.boundingBox();
    check(box.height < 600, `the overlay is as tall as its errors (${Math.round(box.height)} of 900 px)`);

    await page.getByRole('button', { name: 'Dölj' }).click();
    await overlay.waitFor({ state: 'hidden', timeout: 5000 });
    check(true, '"Dölj" hides the overlay');

    const reloaded = page.waitForEvent('load', { timeout: 15000 });
    fs.writeFileSync(file, good);
    await reloaded;
    check((await page.locator('#kansli-fel').count()) === 0, 'fixing the file reloads the page without the overlay');
  } catch (error) {
    check(false, String(error.message || error).split('\n')[0]);
  } finally {
    await browser.close();
    serve.kill('SIGINT');
    fs.rmSync(root, { recursive: true, force: true });
  }
})();
