// The transfers page's flow picture: suppliers on the left, recipients on the right, one line per
// ledger entry, coloured by item category and drawn by status (solid acknowledged, long dashes
// reported, dashes hedged, dash-dot contested, dots denied), thicker with more mentions. Drawn as SVG
// from the page's JSON block; every name goes in as text, every link through path().
"use strict";
(function () {
  const { readJSON, svg, path } = window.cg;
  const fig = document.getElementById("transfer-flow");
  const data = fig && readJSON(fig.dataset.source);
  if (!data || !data.links || !data.links.length) return;

  const W = 1000, TOP = 30, BOTTOM = 10, LABEL = 240, NODE_W = 10, SLOT = 9, MIN_BAND = 28;
  const xL = LABEL, xR = W - LABEL;
  const links = data.links;
  const sides = { left: data.suppliers, right: data.recipients };
  const degree = { left: new Map(), right: new Map() };
  for (const l of links) {
    degree.left.set(l.source, (degree.left.get(l.source) || 0) + 1);
    degree.right.set(l.target, (degree.right.get(l.target) || 0) + 1);
  }
  const band = (side, n) => Math.max(MIN_BAND, SLOT * (degree[side].get(n.id) || 1) + 10);
  const need = (side) => sides[side].reduce((s, n) => s + band(side, n), 0);
  const inner = Math.max(need("left"), need("right"));
  const H = TOP + inner + BOTTOM;

  // each side fills the same height: the shorter one spreads its spare room between its nodes
  const place = {};
  for (const side of ["left", "right"]) {
    const nodes = sides[side];
    const spare = (inner - need(side)) / nodes.length;
    let y = TOP;
    place[side] = new Map();
    for (const n of nodes) {
      const h = band(side, n) + spare;
      const body = Math.min(h - 6, SLOT * (degree[side].get(n.id) || 1) + 4);
      place[side].set(n.id, { ...n, mid: y + h / 2, top: y + h / 2 - body / 2, height: body, slots: [] });
      y += h;
    }
  }
  // a link leaves and enters its node at a slot, ordered by where the other end is: fewer crossings
  for (const l of links) {
    place.left.get(l.source).slots.push(l);
    place.right.get(l.target).slots.push(l);
  }
  const ends = new Map(links.map((l) => [l, {}]));
  for (const [side, other, here] of [["left", "right", "target"], ["right", "left", "source"]]) {
    for (const node of place[side].values()) {
      node.slots.sort((a, b) => place[other].get(a[here]).mid - place[other].get(b[here]).mid);
      node.slots.forEach((l, k) => { ends.get(l)[side] = node.top + ((k + 0.5) * node.height) / node.slots.length; });
    }
  }

  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${links.length} transfers from ${sides.left.length} suppliers to ${sides.right.length} recipients` });
  root.append(
    svg("text", { class: "flow-head", x: xL - NODE_W, y: 16, "text-anchor": "end" }, "suppliers"),
    svg("text", { class: "flow-head", x: xR + NODE_W, y: 16 }, "recipients")
  );
  const linkLayer = svg("g"), nodeLayer = svg("g");
  root.append(linkLayer, nodeLayer);
  const drawn = [];
  const mid = (xL + xR) / 2;
  for (const l of links) {
    const y1 = ends.get(l).left, y2 = ends.get(l).right;
    const width = Math.min(7, 1.6 + 1.3 * Math.log2(l.mentions || 1));
    const a = svg("a", { href: path("transfers", l.key) });
    const p = svg("path", {
      class: `flow-link cat-${l.category} s-${l.status}`,
      d: `M${xL},${y1.toFixed(1)} C${mid},${y1.toFixed(1)} ${mid},${y2.toFixed(1)} ${xR},${y2.toFixed(1)}`,
      "stroke-width": width.toFixed(2),
    });
    a.append(p, svg("title", {}, l.title));
    linkLayer.append(a);
    drawn.push({ l, p });
  }

  const short = (s) => (s.length > 30 ? s.slice(0, 29) + "…" : s);
  for (const [side, key, param] of [["left", "source", "supplier"], ["right", "target", "recipient"]]) {
    for (const n of place[side].values()) {
      const known = n.id !== "?";
      const x = side === "left" ? xL - NODE_W : xR;
      const g = svg("g", { class: known ? "flow-node" : "flow-node unknown" });
      const label = svg("text", { x: side === "left" ? x - 6 : x + NODE_W + 6, y: n.mid + 4, "text-anchor": side === "left" ? "end" : "start" },
        short(n.name), svg("tspan", { class: "n" }, ` ${n.entries}`));
      g.append(svg("rect", { x, y: n.top, width: NODE_W, height: n.height, rx: 2 }), label,
        svg("title", {}, `${n.name}${known ? ` (${n.id})` : ""}: ${n.entries} entr${n.entries === 1 ? "y" : "ies"} as ${param}`));
      let node = g;
      if (known) {  // a click filters the ledger to this supplier or recipient
        const q = new URLSearchParams(window.location.search);
        q.set(param, n.id);
        node = svg("a", { href: `${path("transfers")}?${q.toString()}` }, g);
      }
      g.addEventListener("mouseenter", () => { for (const d of drawn) d.p.classList.toggle("faded", d.l[key] !== n.id); });
      g.addEventListener("mouseleave", () => { for (const d of drawn) d.p.classList.remove("faded"); });
      nodeLayer.append(node);
    }
  }
  fig.append(root);
})();
