// The dyad page's chart: claims per month (or year) stacked by quad class, A→B above the line and
// B→A below it, drawn as SVG from the page's JSON block.
"use strict";
(function () {
  const { readJSON, svg } = window.cg;
  const fig = document.getElementById("dyad-chart");
  const data = fig && readJSON(fig.dataset.source);
  if (!data || !data.ab || !data.ab.length) return;

  const QUADS = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];
  const W = 1000, H = 340, left = 46, right = 12, top = 26, bottom = 40;
  const mid = top + (H - top - bottom) / 2;
  const n = data.ab.length;
  const total = (b) => b.quads.reduce((x, y) => x + y, 0);
  const max = Math.max(1, ...data.ab.map(total), ...data.ba.map(total));
  const half = (H - top - bottom) / 2;
  const scale = half / max;
  const step = (W - left - right) / n;
  const bw = Math.max(1, Math.min(28, step * 0.8));

  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `claims between ${data.a_name} and ${data.b_name} per ${data.unit}` });
  // grid and axis labels: a few round numbers above and below the line
  const tickStep = Math.max(1, Math.ceil(max / 4));
  for (let v = tickStep; v <= max; v += tickStep) {
    for (const sign of [-1, 1]) {
      const y = mid + sign * v * scale;
      root.append(svg("line", { class: "grid", x1: left, x2: W - right, y1: y, y2: y }));
      root.append(svg("text", { class: "tick", x: left - 6, y: y + 4, "text-anchor": "end" }, String(v)));
    }
  }
  root.append(svg("text", { class: "dir-label", x: left + 4, y: top - 8 }, `${data.a_name} → ${data.b_name}`));
  root.append(svg("text", { class: "dir-label", x: left + 4, y: H - 6 }, `${data.b_name} → ${data.a_name}`));

  const every = Math.max(1, Math.ceil(n / 12));
  for (let i = 0; i < n; i++) {
    const x = left + i * step + (step - bw) / 2;
    const g = svg("g", { class: "col" });
    g.append(svg("rect", { class: "hit", x: left + i * step, y: top, width: step, height: H - top - bottom }));
    let up = mid, down = mid;
    const ab = data.ab[i].quads, ba = data.ba[i].quads;
    for (let q = 0; q < 4; q++) {
      if (ab[q]) { const h = ab[q] * scale; up -= h; g.append(svg("rect", { class: `bar-q${q + 1}`, x, y: up, width: bw, height: h })); }
      if (ba[q]) { const h = ba[q] * scale; g.append(svg("rect", { class: `bar-q${q + 1}`, x, y: down, width: bw, height: h })); down += h; }
    }
    const lines = [data.ab[i].bucket];
    for (const [label, counts, gs] of [[`${data.a} → ${data.b}`, ab, data.ab[i].goldstein], [`${data.b} → ${data.a}`, ba, data.ba[i].goldstein]]) {
      const parts = counts.map((c, q) => c ? `${c} ${QUADS[q]}` : null).filter(Boolean);
      lines.push(`${label}: ${parts.length ? parts.join(", ") : "none"}${gs !== null ? ` (mean Goldstein ${gs})` : ""}`);
    }
    g.append(svg("title", {}, lines.join("\n")));
    root.append(g);
    if (i % every === 0) {
      root.append(svg("text", { class: "tick", x: left + i * step + step / 2, y: H - bottom + 16, "text-anchor": "middle" }, data.ab[i].bucket));
    }
  }
  root.append(svg("line", { class: "zero", x1: left, x2: W - right, y1: mid, y2: mid }));
  fig.append(root);
})();
