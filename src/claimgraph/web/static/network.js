// The network page: countries as nodes, claims between them as directed edges, placed by a small
// force layout (repulsion between all nodes, springs along edges, a pull to the centre). Edge colour
// is the quad class most of its claims have, thickness the number of claims, and the line style the
// stance: solid for asserted, dashed for denied, dotted for questioned (one line each).
"use strict";
(function () {
  const { readJSON, svg, path } = window.cg;
  const fig = document.getElementById("network");
  const data = fig && readJSON(fig.dataset.source);
  if (!data || !data.nodes || !data.nodes.length) return;

  const W = 1000, H = 640;
  const nodes = data.nodes.map((d, i) => {
    const a = (2 * Math.PI * i) / data.nodes.length;
    return { ...d, x: W / 2 + 250 * Math.cos(a), y: H / 2 + 250 * Math.sin(a), vx: 0, vy: 0 };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = data.edges.filter((e) => byId.has(e.source) && byId.has(e.target));
  const maxW = Math.max(1, ...nodes.map((n) => n.weight));
  const radius = (n) => 5 + 16 * Math.sqrt(n.weight / maxW);

  // Fruchterman–Reingold: every pair repels (k²/d), every edge pulls (d²/k), moves are capped by a
  // temperature that cools over a fixed number of steps, so the same data gives the same picture
  const k = Math.sqrt((W * H) / nodes.length) * 0.75;
  const STEPS = 300;
  for (let step = 0; step < STEPS; step++) {
    const temp = (W / 8) * (1 - step / STEPS) + 1;
    for (const n of nodes) { n.vx = 0; n.vy = 0; }
    for (let i = 0; i < nodes.length; i++) {
      const a = nodes[i];
      for (let j = i + 1; j < nodes.length; j++) {
        const b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        let d = Math.sqrt(dx * dx + dy * dy);
        if (d < 0.01) { dx = 0.1 * (i - j); dy = 0.1; d = Math.sqrt(dx * dx + dy * dy); }
        const f = (k * k) / d;
        a.vx += (dx / d) * f; a.vy += (dy / d) * f; b.vx -= (dx / d) * f; b.vy -= (dy / d) * f;
      }
    }
    for (const e of edges) {
      const a = byId.get(e.source), b = byId.get(e.target);
      const dx = b.x - a.x, dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = ((d * d) / k) * 0.7;
      a.vx += (dx / d) * f; a.vy += (dy / d) * f; b.vx -= (dx / d) * f; b.vy -= (dy / d) * f;
    }
    for (const n of nodes) {
      n.vx += (W / 2 - n.x) * 0.35; n.vy += (H / 2 - n.y) * 0.5;  // gravity: unconnected parts stay near
      const v = Math.sqrt(n.vx * n.vx + n.vy * n.vy) || 1;
      const move = Math.min(v, temp);
      n.x += (n.vx / v) * move;
      n.y += (n.vy / v) * move;
    }
  }
  // then stretch the picture to fill the frame (room on the right for the labels)
  const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (const n of nodes) {
    n.x = x1 > x0 ? 40 + ((n.x - x0) / (x1 - x0)) * (W - 170) : W / 2;
    n.y = y1 > y0 ? 30 + ((n.y - y0) / (y1 - y0)) * (H - 60) : H / 2;
  }

  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${nodes.length} actors, ${edges.length} edges` });
  const defs = svg("defs");
  for (const q of [0, 1, 2, 3, 4]) {
    defs.append(svg("marker", { id: `arrow-q${q}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" },
      svg("path", { d: "M0,1 L10,5 L0,9 z", class: `arrow-q${q}` })));
  }
  root.append(defs);
  const edgeLayer = svg("g"), nodeLayer = svg("g");
  root.append(edgeLayer, nodeLayer);

  // one line per (edge, stance): curved a little, so A→B and B→A and the stances stay apart
  const lines = [];
  for (const e of edges) {
    const parts = [["asserts", e.asserts], ["denies", e.denies], ["questions", e.questions]].filter(([, c]) => c > 0);
    parts.forEach(([stance, count], i) => {
      const q = e.quad || 0;
      const title = `${byId.get(e.source).name} → ${byId.get(e.target).name}: ${e.weight} claim${e.weight === 1 ? "" : "s"} ` +
        `(${e.asserts} asserted, ${e.denies} denied, ${e.questions} questioned)` +
        (q ? `; mostly ${["", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"][q]}` : "");
      const a = svg("a", { href: path("dyads", e.source, e.target) });
      const p = svg("path", { class: `edge q${q} ${stance}`, "stroke-width": (0.8 + 1.1 * Math.log2(1 + count)).toFixed(2), "marker-end": `url(#arrow-q${q})` });
      a.append(p, svg("title", {}, title));
      edgeLayer.append(a);
      lines.push({ e, p, bend: 0.12 + 0.1 * i });
    });
  }

  function draw() {
    for (const { e, p, bend } of lines) {
      const a = byId.get(e.source), b = byId.get(e.target);
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      const rb = radius(b) + 3, ra = radius(a);
      const sx = a.x + (dx / d) * ra, sy = a.y + (dy / d) * ra;
      const ex = b.x - (dx / d) * rb, ey = b.y - (dy / d) * rb;
      const cx = (sx + ex) / 2 - dy * bend, cy = (sy + ey) / 2 + dx * bend;
      p.setAttribute("d", `M${sx.toFixed(1)},${sy.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`);
    }
    for (const n of nodes) n.g.setAttribute("transform", `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`);
  }

  // labels that would cover one another: the busier actor keeps its place (right of the node);
  // the other tries the left, above and below, and is shown only on hover when none is free
  const placed = [];
  const overlaps = (b) => placed.some((o) => b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h);
  for (const n of [...nodes].sort((a, b) => b.weight - a.weight)) {
    const r = radius(n), w = 6.2 * n.name.length, h = 12;
    const tries = [
      { x: r + 3, y: 4, anchor: "start", box: { x: n.x + r + 3, y: n.y - 8, w, h } },
      { x: -r - 3, y: 4, anchor: "end", box: { x: n.x - r - 3 - w, y: n.y - 8, w, h } },
      { x: 0, y: -r - 4, anchor: "middle", box: { x: n.x - w / 2, y: n.y - r - 16, w, h } },
      { x: 0, y: r + 12, anchor: "middle", box: { x: n.x - w / 2, y: n.y + r, w, h } },
    ];
    n.label = tries.find((t) => !overlaps(t.box)) || null;
    if (n.label) placed.push(n.label.box);
    placed.push({ x: n.x - r, y: n.y - r, w: 2 * r, h: 2 * r });  // nor may a label cover a node
  }

  for (const n of nodes) {
    n.g = svg("g", { class: `node kind-${n.kind || "country"}${n.label ? "" : " label-on-hover"}`, tabindex: 0 });
    const at = n.label || { x: radius(n) + 3, y: 4, anchor: "start" };
    n.g.append(
      svg("circle", { r: radius(n).toFixed(1) }),
      svg("text", { x: at.x, y: at.y, "text-anchor": at.anchor }, n.name),
      svg("title", {}, `${n.name} (${n.id}): ${n.weight} claim${n.weight === 1 ? "" : "s"} in drawn edges`)
    );
    nodeLayer.append(n.g);
  }

  // drag a node to move it; hovering a node fades the edges that do not touch it
  let dragging = null;
  const toSvg = (ev) => {
    const pt = root.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY;
    return pt.matrixTransform(root.getScreenCTM().inverse());
  };
  for (const n of nodes) {
    n.g.addEventListener("pointerdown", (ev) => { dragging = n; n.g.setPointerCapture(ev.pointerId); ev.preventDefault(); });
    n.g.addEventListener("pointermove", (ev) => {
      if (dragging !== n) return;
      const p = toSvg(ev); n.x = p.x; n.y = p.y; draw();
    });
    n.g.addEventListener("pointerup", () => { dragging = null; });
    n.g.addEventListener("mouseenter", () => {
      for (const { e, p } of lines) p.classList.toggle("faded", e.source !== n.id && e.target !== n.id);
    });
    n.g.addEventListener("mouseleave", () => { for (const { p } of lines) p.classList.remove("faded"); });
  }
  draw();
  fig.append(root);
})();
