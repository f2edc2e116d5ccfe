(function () {
  "use strict";
  var selected = null;

  function byIds(ids) {
    return (ids || "").split(" ").filter(Boolean)
      .map(function (id) { return document.getElementById(id); })
      .filter(Boolean);
  }

  function light(figure, own, partner, on) {
    figure.classList.toggle(own, on);
    byIds(figure.dataset.partners).forEach(function (p) { p.classList.toggle(partner, on); });
  }

  function offScreen(element) {
    var box = element.getBoundingClientRect();
    return box.bottom < 0 || box.top > window.innerHeight;
  }

  function select(figure, scroll) {
    if (selected) { light(selected, "selected", "partner", false); }
    selected = figure;
    if (!figure) { return; }
    light(figure, "selected", "partner", true);
    var first = byIds(figure.dataset.partners)[0];
    if (scroll && first && offScreen(first)) { first.scrollIntoView({block: "center"}); }
  }

  document.querySelectorAll("mark.fig").forEach(function (figure) {
    var on = function () { light(figure, "hover", "hover-partner", true); };
    var off = function () { light(figure, "hover", "hover-partner", false); };
    figure.addEventListener("mouseenter", on);
    figure.addEventListener("mouseleave", off);
    figure.addEventListener("focus", on);
    figure.addEventListener("blur", off);
    figure.addEventListener("click", function () { select(selected === figure ? null : figure, true); });
    figure.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); figure.click(); }
    });
  });

  function fromHash() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.matches("mark.fig")) { select(target, false); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
