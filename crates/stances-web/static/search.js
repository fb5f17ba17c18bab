// Offline search for the static build: loads search-index.json (built with the site) and
// shows the statements that hold every word of the query. No server, no other script.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var box = document.getElementById("q");
  var out = document.getElementById("results");
  if (!form || !box || !out) { return; }
  var root = (document.querySelector("link[rel=stylesheet]").getAttribute("href") || "").replace(/static\/style\.css$/, "");
  var fold = function (s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); };
  var index = null;
  function show(query) {
    while (out.firstChild) { out.removeChild(out.firstChild); }
    var words = fold(query).split(/\s+/).filter(function (w) { return w.length > 0; });
    var hits = index.filter(function (d) { return words.every(function (w) { return d.k.indexOf(w) >= 0; }); });
    var p = document.createElement("h2");
    p.textContent = hits.length + (hits.length === 1 ? " statement found" : " statements found");
    out.appendChild(p);
    hits.slice(0, 100).forEach(function (d) {
      var art = document.createElement("article");
      art.className = "card";
      var h = document.createElement("h3");
      var a = document.createElement("a");
      a.href = root + d.u;
      a.textContent = d.t;
      h.appendChild(a);
      var m = document.createElement("p");
      m.className = "meta";
      m.textContent = d.o + (d.c ? " · " + d.c : "") + " · " + d.d;
      art.appendChild(h);
      art.appendChild(m);
      out.appendChild(art);
    });
  }
  function run() {
    var q = box.value;
    if (index) { show(q); return; }
    fetch(root + "search-index.json").then(function (r) { return r.json(); }).then(function (data) {
      data.forEach(function (d) { d.k = fold(d.k); });
      index = data;
      show(q);
    });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { box.value = initial; run(); }
}());
