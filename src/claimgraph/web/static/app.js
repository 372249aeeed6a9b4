// claimgraph: helpers shared by the page scripts. Everything that comes from the data is put in
// the page with textContent or setAttribute, never as HTML, so article text stays inert.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";

  function readJSON(id) {
    const node = document.getElementById(id);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  // el("a", {href: "/x"}, "text", child...): an element with attributes and text or child nodes
  function make(ns, tag, attrs, children) {
    const node = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined && v !== false) node.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  const el = (tag, attrs, ...children) => make(null, tag, attrs, children);
  const svg = (tag, attrs, ...children) => make(SVG, tag, attrs, children);

  // same-site paths only: ids are percent-encoded, so no value can make a javascript: URL
  const path = (...parts) => "/" + parts.map((p) => encodeURIComponent(String(p))).join("/");

  window.cg = { readJSON, el, svg, path, SVG };
})();
