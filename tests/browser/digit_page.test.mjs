// The digit page of `chainrule-mnist serve` in headless Chromium (docs/html.md, "The
// digit recogniser"): real MNIST test digits are replayed as pointer strokes on the
// canvas — each row's runs of ink as one short stroke, scaled up to the canvas, so they
// take the same path as a person's drawing (canvas PNG → the server's pre-processing →
// the network) — and at least 9 of 10 must be recognised (issue 17's acceptance). Also:
// a hand-made "1" and "7", Enter recognises, Backspace clears canvas and result.
// Screenshots go to CHAINRULE_TEST_OUT.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { launchOrSkip, OUT_DIR } from './chromium.mjs';
import { loadDigits, mnistSetupOrSkip, startServer, stopServer, testSet } from './mnist_digits.mjs';

const { BIN, DATA, PARAMS } = mnistSetupOrSkip(OUT_DIR);
let browser = null;
let server = null;
let page = null;

before(async () => {
  browser = await launchOrSkip();
  server = await startServer(BIN, ['--params', PARAMS, '--data', DATA]);
  page = await browser.newPage({ viewport: { width: 900, height: 560 } });
  await page.goto(server.url);
});
after(async () => {
  await browser?.close();
  await stopServer(server);
});

// The network's digit for 784 grey levels, computed here from the parameter file (an
// implementation independent of chainrule's tape: plain loops, sigmoid hidden layers).
function networkSays(params, pixels) {
  let a = pixels;
  params.layers.forEach((layer, l) => {
    const z = layer.bias.map((b, j) => a.reduce((s, v, i) => s + v * layer.weight[i][j], b));
    a = l + 1 < params.layers.length ? z.map((v) => 1 / (1 + Math.exp(-v))) : z;
  });
  return a.indexOf(Math.max(...a));
}

async function pad() { return page.locator('#pad').boundingBox(); }

// A polyline in canvas units of 0 … 1 (x right, y down), drawn with the mouse.
async function stroke(points, steps = 4) {
  const box = await pad();
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps });
  await page.mouse.up();
}

// An MNIST digit as strokes: per row, each run of pixels with ink > 0.5 from its first to
// its last pixel centre.
async function replay(pixels) {
  for (let y = 0; y < 28; ++y) {
    for (let x = 0; x < 28; ++x) {
      if (pixels[y * 28 + x] <= 0.5) continue;
      let end = x;
      while (end + 1 < 28 && pixels[y * 28 + end + 1] > 0.5) ++end;
      await stroke([[(x + 0.5) / 28, (y + 0.5) / 28], [(end + 0.5) / 28, (y + 0.5) / 28]], 1);
      x = end;
    }
  }
}

// Presses Enter and returns the digit the page shows.
// Enter with no button focused (on a focused button, Enter is that button's click).
async function pressEnterOnPage() {
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.keyboard.press('Enter');
}

async function recogniseWithEnter() {
  await pressEnterOnPage();
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state));
  const state = await page.evaluate(() => document.body.dataset.state);
  assert.equal(state, 'done', await page.locator('#status').textContent());
  return Number(await page.locator('#digit').textContent());
}

async function clearWithBackspace() {
  await page.keyboard.press('Backspace');
  const blank = await page.evaluate(() => {
    const c = document.getElementById('pad');
    return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.every((v) => v === 255);
  });
  assert.ok(blank, 'the canvas is white after Backspace');
  assert.equal(await page.locator('#digit').textContent(), '');
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'idle');
}

test('10 MNIST test digits replayed as strokes: at least 9 recognised', async () => {
  const params = JSON.parse(readFileSync(PARAMS, 'utf8'));
  const digits = testSet(loadDigits(DATA));
  // The fixed rule: for each class, the first digit of the test set that the network
  // classifies correctly as the 28×28 image itself. (The first of each class regardless
  // is logged too: the network, 92 % accurate, gets a few of those wrong before any
  // drawing happens.)
  const firsts = [...Array(10).keys()].map((d) => digits.findIndex((x) => x.label === d));
  console.log('first test digit of each class (index, network on the image):',
              firsts.map((i) => `${i}: ${networkSays(params, digits[i].pixels)}`).join(', '));
  const chosen = [...Array(10).keys()].map((d) => digits.findIndex((x) => x.label === d && networkSays(params, x.pixels) === d));
  const results = [];
  for (const i of chosen) {
    await replay(digits[i].pixels);
    const said = await recogniseWithEnter();
    await page.screenshot({ path: join(OUT_DIR, `replay-${digits[i].label}.png`) });
    results.push({ index: i, label: digits[i].label, said });
    await clearWithBackspace();
  }
  console.log('replayed (test-set index, label → page):', results.map((r) => `${r.index}: ${r.label} → ${r.said}`).join(', '));
  const right = results.filter((r) => r.said === r.label).length;
  assert.ok(right >= 9, `${right} of 10 recognised`);
});

test('a hand-made 1 (one stroke) and 7 (two strokes); the button recognises too', async () => {
  await stroke([[0.52, 0.15], [0.48, 0.85]]);
  assert.equal(await recogniseWithEnter(), 1);
  await page.screenshot({ path: join(OUT_DIR, 'hand-1.png') });
  await clearWithBackspace();
  await stroke([[0.25, 0.2], [0.72, 0.2]]);
  await stroke([[0.72, 0.2], [0.42, 0.85]]);
  await page.click('#recognise');
  await page.waitForFunction(() => document.body.dataset.state === 'done');
  assert.equal(await page.locator('#digit').textContent(), '7');
  assert.equal(await page.locator('#bars .bar').count(), 10);
  await page.screenshot({ path: join(OUT_DIR, 'hand-7.png') });
  await page.click('#clear');
  assert.equal(await page.locator('#digit').textContent(), '');
});

test('Enter on the focused Clear button clears; a second finger draws nothing', async () => {
  await stroke([[0.3, 0.3], [0.7, 0.7]]);
  await page.focus('#clear');
  await page.keyboard.press('Enter');
  const blank = await page.evaluate(() => {
    const c = document.getElementById('pad');
    return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.every((v) => v === 255);
  });
  assert.ok(blank, 'Enter on Clear cleared the canvas');
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'idle');
  // Two touch pointers: the first draws, the second (down while the first is) is ignored.
  const painted = await page.evaluate(() => {
    const c = document.getElementById('pad'), r = c.getBoundingClientRect();
    const ev = (type, id, x, y) => c.dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: 'touch', isPrimary: id === 11,
      clientX: r.left + x * r.width, clientY: r.top + y * r.height, bubbles: true, cancelable: true }));
    ev('pointerdown', 11, 0.5, 0.1);
    ev('pointerdown', 12, 0.9, 0.9);
    ev('pointermove', 12, 0.1, 0.9);
    ev('pointerup', 12, 0.1, 0.9);
    ev('pointerup', 11, 0.5, 0.1);
    const d = c.getContext('2d').getImageData(0, Math.round(0.85 * c.height), c.width, Math.round(0.1 * c.height)).data;
    return d.some((v, i) => i % 4 !== 3 && v !== 255);
  });
  assert.equal(painted, false, 'the second finger left no ink');
  await clearWithBackspace();
});

test('a blank canvas is not a guess: the page shows the server\'s message', async () => {
  await pressEnterOnPage();
  await page.waitForFunction(() => document.body.dataset.state === 'error');
  assert.match(await page.locator('#status').textContent(), /blank/);
  assert.equal(await page.locator('#digit').textContent(), '');
  await clearWithBackspace();
});

// Person-like drawings of 0 … 9 (polylines in canvas units), one screenshot each; the
// answers are logged, not required (only the 1 and 7 above are).
const PERSON = {
  0: [[[0.5, 0.15], [0.32, 0.25], [0.27, 0.5], [0.33, 0.75], [0.5, 0.85], [0.67, 0.75], [0.72, 0.5], [0.66, 0.25], [0.5, 0.15]]],
  1: [[[0.4, 0.28], [0.53, 0.15], [0.53, 0.85]]],
  2: [[[0.3, 0.3], [0.4, 0.17], [0.58, 0.15], [0.68, 0.28], [0.62, 0.45], [0.3, 0.82], [0.72, 0.82]]],
  3: [[[0.3, 0.2], [0.55, 0.15], [0.68, 0.28], [0.5, 0.47], [0.7, 0.62], [0.62, 0.8], [0.3, 0.82]]],
  4: [[[0.6, 0.85], [0.6, 0.15], [0.28, 0.6], [0.75, 0.6]]],
  5: [[[0.7, 0.17], [0.35, 0.17], [0.32, 0.45], [0.58, 0.42], [0.7, 0.6], [0.62, 0.8], [0.3, 0.8]]],
  6: [[[0.65, 0.15], [0.4, 0.35], [0.3, 0.62], [0.4, 0.83], [0.6, 0.83], [0.68, 0.65], [0.55, 0.5], [0.35, 0.58]]],
  7: [[[0.28, 0.18], [0.72, 0.18], [0.45, 0.85]]],
  8: [[[0.5, 0.48], [0.35, 0.35], [0.4, 0.18], [0.6, 0.18], [0.65, 0.35], [0.5, 0.48], [0.32, 0.65], [0.4, 0.84], [0.6, 0.84], [0.68, 0.65], [0.5, 0.48]]],
  9: [[[0.66, 0.3], [0.5, 0.17], [0.34, 0.28], [0.38, 0.45], [0.6, 0.45], [0.66, 0.3], [0.62, 0.85]]],
};

test('person-like drawings of 0 … 9 (screenshots; answers logged)', async () => {
  const said = [];
  for (const [digit, strokes] of Object.entries(PERSON)) {
    for (const s of strokes) await stroke(s);
    said.push(`${digit} → ${await recogniseWithEnter()}`);
    await page.screenshot({ path: join(OUT_DIR, `person-${digit}.png`) });
    await clearWithBackspace();
  }
  console.log('person-like drawings:', said.join(', '));
});
