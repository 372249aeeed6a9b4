// The article page: hovering a highlighted span shows a short summary, clicking it (or Enter)
// shows the claim's full record in the side panel. The records come from the JSON block.
"use strict";
(function () {
  const { readJSON, el, path } = window.cg;
  const records = readJSON("claim-records") || {};
  const text = document.getElementById("article-text");
  const panel = document.getElementById("record-panel");
  if (!text || !panel) return;

  const segs = Array.from(text.querySelectorAll("[data-claims]"));
  const byClaim = new Map();
  for (const s of segs) {
    for (const id of s.dataset.claims.split(" ")) {
      if (!byClaim.has(id)) byClaim.set(id, []);
      byClaim.get(id).push(s);
    }
  }
  const idsOf = (seg) => seg.dataset.claims.split(" ").filter((id) => id in records);

  const tip = el("div", { class: "tooltip", role: "tooltip", hidden: "hidden" });
  document.body.append(tip);

  function who(r) { return (r.label && r.label.source) || (r.source && (r.source.name || r.source.text)) || "unnamed source"; }
  function summary(r) {
    return who(r) + " " + r.stance + (r.hedged ? " (hedged)" : "") + ": " + ((r.label && r.label.event) || "");
  }

  function showTip(seg) {
    const ids = idsOf(seg);
    if (!ids.length) return;
    tip.replaceChildren(
      el("strong", {}, summary(records[ids[0]])),
      ids.length > 1 ? el("div", {}, "+ " + (ids.length - 1) + " more claim" + (ids.length > 2 ? "s" : "") + " here; click to see all") : null
    );
    const box = seg.getBoundingClientRect();
    tip.hidden = false;
    tip.style.left = Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8)) + "px";
    tip.style.top = (window.scrollY + box.bottom + 6) + "px";
  }
  function hideTip() { tip.hidden = true; }

  function row(dl, label, ...value) {
    if (value.every((v) => v === null || v === undefined || v === "")) return;
    dl.append(el("dt", {}, label), el("dd", {}, ...value));
  }

  function render(id, ids) {
    const r = records[id];
    if (!r) return;
    const parts = [];
    if (ids.length > 1) {
      const sw = el("div", { class: "switch", role: "tablist", "aria-label": "claims at this place" });
      for (const other of ids) {
        const b = el("button", { type: "button", class: other === id ? "on" : null, "aria-selected": other === id ? "true" : "false" }, "#" + other);
        b.addEventListener("click", () => select(other, ids));
        sw.append(b);
      }
      parts.push(el("p", { class: "muted small" }, ids.length + " claims cover this place (innermost first):"), sw);
    }
    parts.push(el("h3", {}, el("a", { href: path("claims", r.id), title: "this claim's own page, to cite" }, "Claim #" + r.id), " ", el("span", { class: "stance st-" + r.stance }, r.stance)));
    const dl = el("dl");
    const src = r.source || {};
    const sourceName = src.kind !== "author" && r.source_id
      ? el("a", { href: path("sources", r.source_id) }, who(r)) : who(r);
    row(dl, "source", sourceName, src.role ? " — " + src.role : "", src.actor ? " [" + src.actor + "]" : "", " (" + src.kind + ")");
    if (src.text && src.text !== who(r)) row(dl, "mention", "“" + src.text + "”");
    if (r.via && r.via.length) row(dl, "via", r.via.map((v) => v.name || v.text).join(", "));
    row(dl, "cue", r.cue ? "“" + r.cue.text + "” (" + r.cue.lemma + ")" : "the author's own voice");
    row(dl, "stance", r.stance + (r.hedged ? ", hedged" : "") + ", framing " + r.framing);
    const ev = r.event;
    if (ev && ev.action) {
      row(dl, "event", r.label.event);
      row(dl, "codes", (ev.actor1 && ev.actor1.code || "?") + " " + ev.action.cameo + " " + (ev.actor2 && ev.actor2.code || ""),
        r.label.quad_name ? " · " + r.label.quad_name : "", ev.action.goldstein !== null && ev.action.goldstein !== undefined ? " · Goldstein " + ev.action.goldstein : "");
      if (ev.action.text) row(dl, "action", "“" + ev.action.text + "”");
      if (ev.date) row(dl, "when", ev.date);
    } else {
      row(dl, "event", el("span", { class: "tag uncoded" }, "uncoded"), " (no coded event)");
    }
    row(dl, "evidence", el("q", {}, r.evidence.text), " [" + r.evidence.start + "–" + r.evidence.end + "]");
    if (r.cluster_id) row(dl, "cluster", el("a", { href: path("clusters", r.cluster_id) }, "#" + r.cluster_id), " (" + r.cluster_role + ")");
    if (r.rule) row(dl, "why", el("code", {}, r.rule));
    row(dl, "permalink", el("a", { href: path("claims", r.id) }, "/claims/" + r.id));
    parts.push(dl);
    const pre = el("pre", {}, JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => k !== "label")), null, 2));
    parts.push(el("details", {}, el("summary", {}, "full record (JSON)"), pre));
    panel.replaceChildren(...parts);
  }

  function select(id, ids) {
    for (const s of text.querySelectorAll(".sel")) s.classList.remove("sel");
    for (const s of byClaim.get(id) || []) s.classList.add("sel");
    render(id, ids && ids.length ? ids : [id]);
  }

  function activate(seg) {
    const ids = idsOf(seg);
    if (ids.length) select(ids[0], ids);
  }

  text.addEventListener("mouseover", (e) => { const s = e.target.closest("[data-claims]"); if (s) showTip(s); });
  text.addEventListener("mouseout", (e) => { if (e.target.closest("[data-claims]")) hideTip(); });
  text.addEventListener("click", (e) => { const s = e.target.closest("[data-claims]"); if (s) { hideTip(); activate(s); } });
  text.addEventListener("keydown", (e) => {
    const s = e.target.closest("[data-claims]");
    if (s && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); activate(s); }
  });

  function fromHash() {
    const m = /^#claim-(\d+)$/.exec(window.location.hash);
    if (m && records[m[1]]) {
      select(m[1], [m[1]]);
      const first = (byClaim.get(m[1]) || [])[0];
      if (first) first.scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
