// Renders /openapi.json as a readable list of endpoints (text only, no HTML from the spec).
(function () {
  "use strict";

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }

  function paramTable(params) {
    var table = el("table");
    var head = el("tr");
    ["parameter", "in", "type", "required", "description"].forEach(function (h) { head.appendChild(el("th", h)); });
    table.appendChild(head);
    params.forEach(function (p) {
      var row = el("tr");
      var schema = p.schema || {};
      var type = schema.type || (schema.anyOf || []).map(function (s) { return s.type; }).join(" | ");
      [p.name, p.in, type, p.required ? "yes" : "no", p.description || ""].forEach(function (v) {
        row.appendChild(el("td", v));
      });
      table.appendChild(row);
    });
    return table;
  }

  function render(spec, root) {
    root.textContent = "";
    Object.keys(spec.paths || {}).sort().forEach(function (path) {
      var ops = spec.paths[path];
      Object.keys(ops).forEach(function (method) {
        var op = ops[method];
        var box = el("section", null, "endpoint");
        var title = el("h3");
        title.appendChild(el("span", method.toUpperCase(), "method " + method));
        if (method === "get" && path.indexOf("{") === -1) {
          var link = el("a", path);
          link.href = path;
          title.appendChild(link);
        } else {
          title.appendChild(el("code", path));
        }
        box.appendChild(title);
        if (op.summary) { box.appendChild(el("p", op.summary)); }
        if (op.description && op.description !== op.summary) { box.appendChild(el("p", op.description, "lead")); }
        if (op.parameters && op.parameters.length) { box.appendChild(paramTable(op.parameters)); }
        if (op.requestBody) { box.appendChild(el("p", "Request body: JSON (see /openapi.json for the schema).", "lead")); }
        root.appendChild(box);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("api-docs");
    if (!root) { return; }
    fetch(root.getAttribute("data-spec"), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (spec) { render(spec, root); })
      .catch(function () { root.textContent = "Could not load /openapi.json."; });
  });
})();
