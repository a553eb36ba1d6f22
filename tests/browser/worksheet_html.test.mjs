// The HTML worksheets (docs/html.md) in headless Chromium: typeset with no KaTeX error,
// every number shown, the graph linked to the derivation, sections folding, and a print
// layout that fits A4. Expected numbers are the seed 001 reference values (computed
// independently in 40-digit arithmetic, ../shared/reference/seed-001-network.md),
// rounded here to the 10 digits the sheet prints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchOrSkip, OUT_DIR } from './chromium.mjs';

const BIN = process.env.CHAINRULE_BIN;
const SRC = process.env.CHAINRULE_SOURCE_DIR;
const MODEL = join(SRC, 'examples/bp_network.chain');

// Seed 001 reference values (40-digit arithmetic) and their 10-significant-digit roundings.
const REFERENCE = {
  out_h1: '0.64565630622579545291', out_o1: '0.79873140024697988340', out_o2: '0.83744888530936516801',
  E: '0.32268453216445840046', 'dE/dw5': '0.08186670503962587782', 'dE/dw1': '0.00111787391776567898',
  'dout_o1/din_o1': '0.16075955050647870726', 'dE/dout_h1': '0.04886149131314216875',
};
function tenDigits(decimal) {
  return Number(decimal).toPrecision(10).replace(/^(-?)0\.(0*)(\d+)$/, (m, s, z, d) => `${s}0.${z}${d}`);
}

let browser;
before(async () => {
  browser = await launchOrSkip();
  mkdirSync(OUT_DIR, { recursive: true });
});
after(async () => { if (browser) await browser.close(); });

function chainrule(...args) {
  return execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function open(file, options = {}) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, ...options });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push(`network: ${r.url()}`); });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => document.documentElement.dataset.typeset === 'done');
  return { page, errors };
}

// Text of the typeset math (KaTeX's visible boxes, not its MathML copy) and of the prose.
async function visibleText(page) {
  return page.evaluate(() => {
    const clone = document.querySelector('main').cloneNode(true);
    for (const m of clone.querySelectorAll('.katex-mathml')) m.remove();
    return clone.textContent;
  });
}

// Pages of a PDF, by poppler's pdfinfo (installed with the PDF worksheets' tools).
function pageCount(pdf) {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
}

async function noTexErrors(page) {
  assert.equal(await page.evaluate(() => document.documentElement.dataset.texErrors), '0');
  assert.equal(await page.locator('.katex-error, .tex-error').count(), 0);
  const untypeset = await page.evaluate(() => [...document.querySelectorAll('.math')].filter((e) => !e.querySelector('.katex')).length);
  assert.equal(untypeset, 0, 'every math element typeset');
}

// The lit edges of the picture, as "from->to" by node name (the first text line of a node).
async function litEdges(page) {
  return page.evaluate(() => {
    const name = {};
    for (const g of document.querySelectorAll('figure.graph g.node')) name[g.querySelector('title').textContent] = g.querySelector('text').textContent.trim();
    return [...document.querySelectorAll('figure.graph g.edge.on')].map((g) => {
      const [from, to] = g.querySelector('title').textContent.split('->');
      return `${name[from]}->${name[to]}`;
    }).sort();
  });
}

test('the seed 001 worksheet typesets offline and shows every number', async () => {
  const file = join(OUT_DIR, 'bp_network.html');
  chainrule('worksheet', MODEL, '--format', 'html', '-o', file);
  const { page, errors } = await open(file);
  await noTexErrors(page);
  assert.deepEqual(errors, []);
  const text = await visibleText(page);
  for (const [what, value] of Object.entries(REFERENCE)) assert.ok(text.includes(tenDigits(value)), `${what} = ${tenDigits(value)} on the page`);
  // Every value and adjoint of the worksheet's JSON (the same computation) is on the page.
  const json = JSON.parse(chainrule('worksheet', MODEL, '--format', 'json'));
  for (const n of json.nodes) assert.ok(text.includes(n.value.digits.replace('-', '−')) || text.includes(n.value.digits), `value of ${n.name}`);
  await page.screenshot({ path: join(OUT_DIR, 'worksheet-top.png') });
  await page.screenshot({ path: join(OUT_DIR, 'worksheet-full.png'), fullPage: true });
  await page.close();
});

test('clicking w1 lights its two chain-rule paths and goes to its derivation', async () => {
  const { page } = await open(join(OUT_DIR, 'bp_network.html'));
  await page.click('.controls button:text-is("w1")');
  const up = ['w1->in_h1', 'in_h1->out_h1', 'out_h1->in_o1', 'out_h1->in_o2', 'in_o1->out_o1', 'in_o2->out_o2',
              'out_o1->E_o1', 'out_o2->E_o2', 'E_o1->E', 'E_o2->E'];
  assert.deepEqual(await litEdges(page), [...up].sort());
  await page.waitForFunction(() => { const r = document.getElementById('d-w1').getBoundingClientRect(); return r.top >= 0 && r.top < 200; });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.chosen), 'w1');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT_DIR, 'worksheet-w1-paths.png') });
  // A node of the picture works the same; out_h1 has the two upper halves of w1's paths.
  await page.click('figure.graph g.node:has(text:text-is("out_h1"))');
  assert.deepEqual(await litEdges(page), up.slice(2).sort());
  await page.keyboard.press('Escape');
  assert.deepEqual(await litEdges(page), []);
  await page.close();
});

test('pointing at a factor names its edge', async () => {
  const { page } = await open(join(OUT_DIR, 'bp_network.html'));
  // The local partial ∂out_o1/∂in_o1 in the derivation of ∂E/∂w5: one edge.
  const section = page.locator('details:has(#d-w5)');
  const factors = section.locator('[data-factor]');
  let found = false;
  for (let i = 0; i < await factors.count() && !found; i++) {
    await factors.nth(i).hover();
    const tip = await page.locator('#edge-tip').textContent();
    if (tip === `∂out_o1/∂in_o1 = ${tenDigits(REFERENCE['dout_o1/din_o1'])}`) {
      found = true;
      assert.deepEqual(await litEdges(page), ['in_o1->out_o1']);
      await page.screenshot({ path: join(OUT_DIR, 'worksheet-hover.png') });
    }
  }
  assert.ok(found, 'a factor of the w5 derivation is the edge in_o1 -> out_o1 with its local partial');
  await page.close();
});

test('sections fold and unfold', async () => {
  const { page } = await open(join(OUT_DIR, 'bp_network.html'));
  const section = page.locator('details:has(#d-w5)');
  await section.locator('summary').click();
  assert.equal(await section.evaluate((d) => d.open), false);
  assert.equal(await section.locator('.display').first().isVisible(), false);
  await section.locator('summary').click();
  assert.equal(await section.evaluate((d) => d.open), true);
  await page.close();
});

test('the print stylesheet gives A4 pages like the PDF worksheet, nothing cut off', async () => {
  const { page } = await open(join(OUT_DIR, 'bp_network.html'));
  await page.locator('details:has(#d-w5) summary').click();  // folded on screen: printed anyway
  await page.emulateMedia({ media: 'print' });
  const overflowing = await page.evaluate(() => [...document.querySelectorAll('.display, .table, figure.graph svg')]
    .filter((e) => e.scrollWidth > document.querySelector('main').clientWidth + 1).length);
  assert.equal(overflowing, 0, 'no equation, table or picture wider than the printed page');
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(join(OUT_DIR, 'worksheet-print.pdf'), pdf);
  const printed = join(OUT_DIR, 'worksheet-print.pdf');
  const pages = pageCount(printed);
  // The LaTeX worksheet of the same model (pdflatex; A4 as well).
  const texPdf = join(OUT_DIR, 'bp_network.pdf');
  chainrule('worksheet', MODEL, '--format', 'pdf', '-o', texPdf);
  const texPages = pageCount(texPdf);
  assert.ok(texPages >= 2, `the PDF worksheet has ${texPages} pages`);
  assert.ok(pages >= texPages - 1 && pages <= texPages + 2, `printed ${pages} pages; the PDF worksheet has ${texPages} (+ the graph)`);
  await page.close();
});

test('Chinese sheets, claim reports and exercise sheets typeset too', async () => {
  const zh = join(OUT_DIR, 'bp_network_zh.html');
  chainrule('worksheet', MODEL, '--format', 'html', '--lang', 'zh', '-o', zh);
  let { page } = await open(zh);
  await noTexErrors(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh');
  assert.ok((await visibleText(page)).includes('计算图'));
  await page.screenshot({ path: join(OUT_DIR, 'worksheet-zh.png') });
  await page.close();

  const report = join(OUT_DIR, 'check.html');
  try {
    chainrule('check', join(SRC, 'examples/bp_network_hand.chain'), '--format', 'html', '-o', report);
  } catch (e) {
    assert.equal(e.status, 1, 'check exits 1 when a claim is wrong, 0 otherwise');
  }
  ({ page } = await open(report));
  await noTexErrors(page);
  await page.screenshot({ path: join(OUT_DIR, 'check.png'), fullPage: true });
  await page.close();

  const set = join(OUT_DIR, 'exercise');
  chainrule('exercise', join(SRC, 'examples/exercises/bp_network_vary.chain'), '--variants', '2', '--seed', '3',
            '--format', 'html', '-o', set);
  for (const sheet of ['sheet-1.html', 'key-1.html']) {
    ({ page } = await open(join(set, sheet)));
    await noTexErrors(page);
    // The blank sheet has no graph: its picture would show every answer.
    assert.equal(await page.locator('figure.graph').count(), sheet.startsWith('key') ? 1 : 0);
    await page.close();
  }
});

test('text from the model cannot reach the page as markup', async () => {
  const model = readFileSync(MODEL, 'utf8').replace(/^title .*$/m, '');
  const file = join(OUT_DIR, 'hostile.chain');
  writeFileSync(file, `title "<img src=x onerror=alert(1)> </script><script>window.pwned=1</script>"\n${model}`);
  const out = join(OUT_DIR, 'hostile.html');
  chainrule('worksheet', file, '--format', 'html', '-o', out);
  const { page, errors } = await open(out);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('img').count(), 0);
  assert.ok((await page.locator('h1').textContent()).includes('<img src=x'));
  assert.deepEqual(errors, []);
  await page.close();
});
