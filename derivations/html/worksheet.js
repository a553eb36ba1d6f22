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

  // Hovering a derivative ∂a/∂b in a formula lights its edges and names them.
  const tip = document.createElement('div');
  tip.id = 'edge-tip';
  document.body.appendChild(tip);
  function hoverFactors() {
    for (const el of document.querySelectorAll('[data-factor]')) {
      const edges = data.factors[el.dataset.factor] || [];
      el.addEventListener('mouseenter', (ev) => {
        el.classList.add('on');
        light(edges);
        tip.textContent = edges.length === 1 ? data.edges[edges[0]].label
          : edges.map((e) => data.edges[e].label).join('  ·  ');
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

  // Printing shows every section, folded or not.
  window.addEventListener('beforeprint', () => { for (const d of document.querySelectorAll('details')) d.open = true; });

  typeset();
  indexGraph();
  hoverFactors();
  controls();
})();
