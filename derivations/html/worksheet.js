// chainrule's HTML worksheets (derivations/render_html.hpp, docs/html.md): typesets the
// math with KaTeX, links the graph picture to the derivation, folds sections for print.
// It computes nothing: every number on the page is in the page's text already.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('chainrule-data').textContent);
  const root = document.documentElement;

  // Math: each .math element's data-tex, typeset in place. \htmlData is the only trusted
  // command (the factor marks); an error leaves the LaTeX source showing, marked.
  function typeset() {
    let errors = 0;
    if (!window.katex) { root.dataset.typeset = 'no-katex'; return; }
    for (const el of document.querySelectorAll('.math')) {
      try {
        katex.render(el.dataset.tex, el, {
          displayMode: el.classList.contains('display'), throwOnError: true, strict: 'ignore',
          trust: (context) => context.command === '\\htmlData',
        });
      } catch (e) {
        errors += 1;
        el.textContent = el.dataset.tex;
        el.classList.add('tex-error');
        el.title = String(e.message);
      }
    }
    root.dataset.texErrors = String(errors);
    root.dataset.typeset = 'done';
  }

  // The graph: g.node titled "n<i>", g.edge titled "n<wrt>->n<of>" (Graphviz's SVG of
  // render_dot's picture), matched to data.nodes / data.edges by index.
  const svg = document.querySelector('figure.graph svg');
  const nodeEls = [], edgeEls = [];
  function indexGraph() {
    if (!svg) return;
    const byKey = new Map();
    for (const g of svg.querySelectorAll('g.node, g.edge')) {
      const title = g.querySelector('title');
      if (title) byKey.set(title.textContent.trim(), g);
    }
    data.nodes.forEach((n, i) => { nodeEls[i] = byKey.get('n' + i); });
    data.edges.forEach((e, i) => { edgeEls[i] = byKey.get('n' + e.wrt + '->n' + e.of); });
    // Graphviz's <title>s ("n15", "n0->n14") would show as the browser's own tooltips.
    for (const t of svg.querySelectorAll('g.node > title, g.edge > title')) {
      t.parentNode.dataset.key = t.textContent.trim();
      t.remove();
    }
    nodeEls.forEach((g, i) => {
      if (!g) return;
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', data.nodes[i].name);
      g.addEventListener('click', () => choose(i));
      g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); choose(i); } });
    });
  }

  // Lights the given edges and the nodes at their ends; everything else is dimmed.
  function light(edges, chosenNode) {
    if (!svg) return;
    for (const g of svg.querySelectorAll('g.on, g.chosen')) g.classList.remove('on', 'chosen');
    if (edges === null) { svg.classList.remove('focused'); return; }
    svg.classList.add('focused');
    for (const e of edges) {
      if (edgeEls[e]) edgeEls[e].classList.add('on');
      for (const n of [data.edges[e].of, data.edges[e].wrt]) if (nodeEls[n]) nodeEls[n].classList.add('on');
    }
    if (chosenNode !== undefined && nodeEls[chosenNode]) nodeEls[chosenNode].classList.add('on', 'chosen');
  }

  // Choosing a node (in the picture or by its button): its chain-rule paths up to the
  // output are lit and the page goes to its derivation, if the sheet has one. Choosing
  // it again clears.
  let chosen = null;
  function choose(i) {
    for (const b of document.querySelectorAll('.controls button')) b.setAttribute('aria-pressed', String(Number(b.dataset.node) === i && chosen !== i));
    if (chosen === i) { chosen = null; light(null); root.dataset.chosen = ''; return; }
    chosen = i;
    root.dataset.chosen = data.nodes[i].name;
    light(data.nodes[i].paths, i);
    const target = data.nodes[i].derivation && document.getElementById(data.nodes[i].derivation);
    if (target) {
      const section = target.closest('details');
      if (section) section.open = true;
      target.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  }

  // Hovering a derivative ∂a/∂b in a formula lights its edges and says what it is: a
  // local partial with its number, or a derivative through the graph over its paths.
  const tip = document.createElement('div');
  tip.id = 'edge-tip';
  document.body.appendChild(tip);
  function describe(factor) {
    tip.textContent = '';
    const math = document.createElement('span');
    if (window.katex) katex.render(factor.tex, math, { throwOnError: false, strict: 'ignore' });
    else math.textContent = factor.tex;
    tip.appendChild(math);
    if (factor.note) {
      const note = document.createElement('div');
      note.className = 'note';
      note.textContent = factor.note;
      tip.appendChild(note);
    }
  }
  function hoverFactors() {
    for (const el of document.querySelectorAll('[data-factor]')) {
      const factor = data.factors[el.dataset.factor];
      if (!factor) continue;
      const edges = factor.edges;
      el.addEventListener('mouseenter', (ev) => {
        el.classList.add('on');
        light(edges);
        describe(factor);
        tip.style.display = 'block';
        tip.style.left = Math.min(ev.clientX + 12, window.innerWidth - tip.offsetWidth - 8) + 'px';
        tip.style.top = (ev.clientY + 16) + 'px';
      });
      el.addEventListener('mouseleave', () => {
        el.classList.remove('on');
        tip.style.display = 'none';
        light(chosen === null ? null : data.nodes[chosen].paths, chosen === null ? undefined : chosen);
      });
    }
  }

  function controls() {
    for (const b of document.querySelectorAll('.controls button')) b.addEventListener('click', () => choose(Number(b.dataset.node)));
    document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape' && chosen !== null) choose(chosen); });
  }

  // Printing shows every section, folded or not (and folds them back after), and scales a
  // table wider than the printed page down to its width, as the PDF's tables
  // are set smaller rather than cut.
  let folded = [];
  function fitToPage() {
    const width = document.querySelector('main').clientWidth;
    for (const el of document.querySelectorAll('.table > table')) {
      el.style.zoom = '';
      if (el.scrollWidth > width + 1) el.style.zoom = String(width / el.scrollWidth);
    }
  }
  function unfit() { for (const el of document.querySelectorAll('[style*="zoom"]')) el.style.zoom = ''; }
  function beforePrint() {
    folded = [...document.querySelectorAll('details:not([open])')];
    for (const d of folded) d.open = true;
    fitToPage();
  }
  function afterPrint() {
    for (const d of folded) d.open = false;
    folded = [];
    unfit();
  }
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);
  // Also when print media is emulated (headless PDF output fires no beforeprint).
  window.matchMedia('print').addEventListener('change', (m) => (m.matches ? beforePrint() : afterPrint()));

  window.chainrulePrintLayout = beforePrint;  // for tools that print without the events
  typeset();
  indexGraph();
  hoverFactors();
  controls();
})();
