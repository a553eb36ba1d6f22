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
// The 10 significant digits the sheet prints (round to nearest; JS writes no exponent here).
function tenDigits(decimal) {
  return Number(decimal).toPrecision(10);
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

// The lit edges of the picture, as "from->to" by node name (the first text line of a node;
// data-key is Graphviz's title, "n3" or "n0->n3", which the page moves there).
async function litEdges(page) {
  return page.evaluate(() => {
    const name = {};
    for (const g of document.querySelectorAll('figure.graph g.node')) name[g.dataset.key] = g.querySelector('text').textContent.trim();
    return [...document.querySelectorAll('figure.graph g.edge.on')].map((g) => {
      const [from, to] = g.dataset.key.split('->');
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
  // The inlined fonts loaded (data: URLs; a broken one would fall back to a system font).
  assert.ok(await page.evaluate(async () => { await document.fonts.ready; return document.fonts.check('16px KaTeX_Main') && document.fonts.check('italic 16px KaTeX_Math'); }));
  assert.ok(await page.evaluate(() => [...document.fonts].filter((f) => f.family.startsWith('KaTeX') && f.status === 'loaded').length >= 2));
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
  await page.click('.controls button[aria-label="w1"]');
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

// What the tooltip shows: its typeset math (KaTeX's visible text) and its note.
async function tipText(page) {
  return page.evaluate(() => {
    const tip = document.getElementById('edge-tip').cloneNode(true);
    for (const m of tip.querySelectorAll('.katex-mathml')) m.remove();
    return tip.textContent;
  });
}

test('pointing at a derivative names its edges; every one can be pointed at', async () => {
  const { page } = await open(join(OUT_DIR, 'bp_network.html'));
  let local = false, paths = false;
  for (const id of ['d-w5', 'd-w1']) {
    const factors = page.locator(`details:has(#${id}) [data-factor]`);
    const n = await factors.count();
    assert.ok(n >= 8, `${id}: ${n} marked derivatives`);
    for (let i = 0; i < n; i++) {
      // Playwright hovers the element's centre and fails when another element takes the
      // pointer there (KaTeX's stacked columns did, for the lower rows).
      await factors.nth(i).hover({ timeout: 3000 });
      assert.equal(await page.locator('#edge-tip').isVisible(), true);
      const tip = await tipText(page), lit = await litEdges(page);
      assert.ok(lit.length >= 1, `${id} factor ${i} lights edges`);
      if (lit.length === 1 && lit[0] === 'in_o1->out_o1' && tip.includes(tenDigits(REFERENCE['dout_o1/din_o1']))) {
        local = true;
        await page.screenshot({ path: join(OUT_DIR, 'worksheet-hover.png') });
      }
      if (lit.length === 10 && tip.includes(tenDigits(REFERENCE['dE/dw1'])) && tip.includes('2 paths')) paths = true;
    }
  }
  assert.ok(local, 'the local partial ∂out_o1/∂in_o1: its one edge and its number');
  assert.ok(paths, '∂E/∂w1: its 10 edges, its value and its 2 paths');
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

// The text of each page of a PDF (poppler's pdftotext).
function pageTexts(pdf, pages) {
  return Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'],
                                                                { encoding: 'utf8' }));
}

test('printed pages end with content, not with a heading or a lead-in line', async () => {
  const models = ['examples/bp_network.chain', 'examples/gallery/09_uebung_3.chain', 'examples/gallery/11_wide_sum.chain'];
  for (const model of models) {
    const file = join(OUT_DIR, model.replace(/.*\//, '').replace('.chain', '-print.html'));
    chainrule('worksheet', join(SRC, model), '--format', 'html', '-o', file);
    const { page } = await open(file);
    await page.emulateMedia({ media: 'print' });
    const pdf = file.replace('.html', '.pdf');
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const texts = pageTexts(pdf, pageCount(pdf));
    texts.slice(0, -1).forEach((text, i) => {
      const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
      const last = lines[lines.length - 1] || '';
      assert.ok(!/^(Notation|Forward pass|Gradient-descent update|Summary|Deltas)$/.test(last), `${model} page ${i + 1} ends with the heading "${last}"`);
      assert.ok(!last.endsWith(':'), `${model} page ${i + 1} ends with the lead-in "${last}"`);
    });
    await page.close();
  }
});

test('a table wider than the printed page is set smaller, not cut (--digits 40)', async () => {
  const file = join(OUT_DIR, 'bp_network_40.html');
  chainrule('worksheet', MODEL, '--format', 'html', '--digits', '40', '-o', file);
  const { page } = await open(file);
  await page.emulateMedia({ media: 'print' });
  const overflowing = await page.evaluate(() => [...document.querySelectorAll('.table > table')]
    .filter((t) => t.getBoundingClientRect().width > document.querySelector('main').clientWidth + 1).length);
  assert.equal(overflowing, 0);
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
