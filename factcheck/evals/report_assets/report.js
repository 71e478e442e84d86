// llm-factcheck eval report: inlined into report.html. Everything works without it;
// it adds the "only problems" filter and links claims to their highlighted evidence.
(function () {
  "use strict";
  var cases = Array.prototype.slice.call(document.querySelectorAll("article.case"));
  var toggle = document.getElementById("only-problems");
  var shown = document.getElementById("shown-count");

  function applyFilter() {
    var only = toggle !== null && toggle.checked;
    var visible = 0;
    cases.forEach(function (el) {
      var hide = only && (el.dataset.status === "passed" || el.dataset.status === "skipped");
      el.hidden = hide;
      if (!hide) { visible += 1; }
    });
    if (shown !== null) {
      shown.textContent = visible + " of " + cases.length + " cases shown";
    }
  }

  // A run is one engine's answer for one case: its claim table and its highlighted body.
  function marksFor(runEl, claim) {
    return runEl.querySelectorAll('mark.ev[data-claims~="' + claim + '"]');
  }

  function rowsFor(runEl, claim) {
    return runEl.querySelectorAll('tr[data-claim="' + claim + '"]');
  }

  function setActive(nodes, on) {
    Array.prototype.forEach.call(nodes, function (node) { node.classList.toggle("active", on); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("div.run"), function (runEl) {
    Array.prototype.forEach.call(runEl.querySelectorAll("tr[data-claim]"), function (row) {
      var claim = row.dataset.claim;
      row.addEventListener("mouseenter", function () { setActive(marksFor(runEl, claim), true); });
      row.addEventListener("mouseleave", function () { setActive(marksFor(runEl, claim), false); });
      row.addEventListener("click", function () {
        var marks = marksFor(runEl, claim);
        if (marks.length > 0) { marks[0].scrollIntoView({ block: "center", behavior: "smooth" }); }
      });
    });
    Array.prototype.forEach.call(runEl.querySelectorAll("mark.ev[data-claims]"), function (mark) {
      var claims = mark.dataset.claims.split(" ");
      mark.addEventListener("mouseenter", function () {
        claims.forEach(function (claim) { setActive(rowsFor(runEl, claim), true); });
      });
      mark.addEventListener("mouseleave", function () {
        claims.forEach(function (claim) { setActive(rowsFor(runEl, claim), false); });
      });
    });
  });

  if (toggle !== null) { toggle.addEventListener("change", applyFilter); }
  applyFilter();
  document.documentElement.dataset.ready = "true";
})();
