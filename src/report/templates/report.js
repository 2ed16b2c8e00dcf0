{% raw %}
// Sorting, filtering and the details panel of the report. Every text from the articles is set
// with textContent, never parsed as HTML.
(function () {
  "use strict";
  var details = JSON.parse(document.getElementById("details-data").textContent);
  var table = document.getElementById("table");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById("filter");
  var shown = document.getElementById("shown");
  var panel = document.getElementById("details");

  function cellValue(row, col, numeric) {
    var cell = row.cells[col];
    if (!numeric) return cell.textContent.trim().toLowerCase();
    var v = cell.getAttribute("data-value");
    return v === null || v === "" ? NaN : parseFloat(v);
  }

  // Sort by a column: numbers as numbers, empty cells last either way; ties keep the order.
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.addEventListener("click", function () {
      var numeric = th.getAttribute("data-type") === "num";
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var keyed = Array.prototype.slice.call(body.rows).map(function (r, i) {
        return { row: r, key: cellValue(r, col, numeric), at: i };
      });
      keyed.sort(function (a, b) {
        var an = numeric ? isNaN(a.key) : a.key === "";
        var bn = numeric ? isNaN(b.key) : b.key === "";
        if (an !== bn) return an ? 1 : -1;
        var c = 0;
        if (!an) {
          c = numeric ? a.key - b.key : a.key.localeCompare(b.key);
          if (!ascending) c = -c;
        }
        return c || a.at - b.at;
      });
      // moved in one piece: the table is laid out once, not once a row
      var moved = document.createDocumentFragment();
      keyed.forEach(function (k) { moved.appendChild(k.row); });
      body.appendChild(moved);
    });
  });

  // Filter: words of the query must all appear in the path, title or keyword; `rule:NAME`
  // keeps the articles with a finding of that rule.
  function applyFilter() {
    var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (r) {
      var text = (r.getAttribute("data-file") + " " + r.cells[1].textContent + " " + r.cells[3].textContent).toLowerCase();
      var rules = " " + r.getAttribute("data-rules") + " ";
      var keep = words.every(function (w) {
        if (w.indexOf("rule:") === 0) return rules.indexOf(" " + w.slice(5) + " ") >= 0;
        return text.indexOf(w) >= 0;
      });
      r.hidden = !keep;
      if (keep) count++;
    });
    shown.textContent = count + " of " + rows.length;
  }
  filter.addEventListener("input", applyFilter);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function show(row) {
    rows.forEach(function (r) { r.classList.toggle("selected", r === row); });
    var d = details[parseInt(row.getAttribute("data-index"), 10)];
    if (!d) return;
    panel.textContent = "";
    panel.appendChild(el("h3", null, d.file));
    if (d.title) panel.appendChild(el("p", "title", d.title));
    if (d.losses.length) {
      panel.appendChild(el("h4", null, "Fix first (score " + d.score + " of 100)"));
      var lo = el("ol");
      d.losses.forEach(function (l) {
        var li = el("li");
        li.appendChild(el("span", "rule", l.check + " −" + l.lost));
        if (l.message) li.appendChild(el("div", null, l.message));
        lo.appendChild(li);
      });
      panel.appendChild(lo);
    }
    panel.appendChild(el("h4", null, d.findings.length + " finding" + (d.findings.length === 1 ? "" : "s")));
    var list = el("ol", "findings");
    d.findings.forEach(function (f) {
      var li = el("li");
      li.appendChild(el("span", "where", "line " + f[0] + ":" + f[1] + " "));
      li.appendChild(el("span", "sev-" + f[2], f[2] + " "));
      li.appendChild(el("span", "rule", f[3]));
      li.appendChild(el("div", "message", f[4]));
      list.appendChild(li);
    });
    panel.appendChild(list);
  }

  rows.forEach(function (r) {
    r.addEventListener("click", function () { show(r); });
    r.addEventListener("keydown", function (e) { if (e.key === "Enter") show(r); });
  });

  function selectFile(file) {
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].getAttribute("data-file") === file) {
        if (rows[i].hidden) { filter.value = ""; applyFilter(); }
        show(rows[i]);
        rows[i].scrollIntoView({ block: "nearest" });
        return true;
      }
    }
    return false;
  }
  Array.prototype.forEach.call(document.querySelectorAll(".rule-filter"), function (a) {
    a.addEventListener("click", function () { filter.value = "rule:" + a.getAttribute("data-rule"); applyFilter(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".file-link, .node"), function (a) {
    a.addEventListener("click", function (e) {
      if (selectFile(a.getAttribute("data-file"))) {
        e.preventDefault();
        document.getElementById("articles").scrollIntoView();
      }
    });
  });
})();
{% endraw %}
