// This book's own script (not vendored: scripts/vendor_js.sh leaves it alone). Sphinx copies it to
// _static/jupyter-widgets/, beside the vendored embed-amd.js; loaded after require.js and before embed-amd.js.
(function () {
  "use strict";
  var script = document.currentScript;
  var here = new URL(".", script.src).href;
  // embed-amd.js defines these AMD modules itself. Each bundle loads its font files relative to its module
  // URL, which RequireJS derives from the module name (by default relative to the page, where nothing is).
  // Mapping every name into this folder makes those files load from here.
  var names = [
    "@jupyter-widgets/base",
    "@jupyter-widgets/base7",
    "@jupyter-widgets/controls",
    "@jupyter-widgets/controls7",
    "@jupyter-widgets/html-manager",
    "@jupyter-widgets/html-manager/dist/libembed-amd"
  ];
  var paths = {};
  names.forEach(function (name) {
    paths[name] = here + name.split("/").pop();
  });
  window.requirejs.config({ paths: paths });
  // A widget module that embed-amd.js does not bundle would be fetched from the CDN named by a script's
  // data-jupyter-widgets-cdn attribute (jsDelivr by default). Name this folder instead, so that such a
  // module fails here, visibly, rather than loading from another host.
  script.setAttribute("data-jupyter-widgets-cdn", here);
  // The bundled widgets typeset maths in their labels with the MathJax 2 call MathJax.Hub.Queue, but the
  // book loads MathJax 3, which has no Hub: without this, every widget page throws a TypeError. Pass those
  // calls to MathJax 3. MathJax is loaded with "defer", so it exists by DOMContentLoaded, before the
  // widgets are rendered (on "load").
  document.addEventListener("DOMContentLoaded", function () {
    var mathjax = window.MathJax;
    if (!mathjax || mathjax.Hub) {
      return;
    }
    mathjax.Hub = {
      Queue: function () {
        Array.prototype.forEach.call(arguments, function (job) {
          if (!Array.isArray(job) || job[0] !== "Typeset") {
            return;
          }
          var ready = mathjax.startup && mathjax.startup.promise ? mathjax.startup.promise : Promise.resolve();
          ready.then(function () {
            return mathjax.typesetPromise([job[2]]);
          }).catch(function (err) {
            console.error("MathJax could not typeset a widget label:", err);
          });
        });
      }
    };
  });
  // Two things the bundled widgets leave out that a screen reader needs (WCAG 2.1 A; the browser tests run
  // axe-core on every page): a slider's handle has no accessible name, and a figure drawn into an Output
  // widget has no alt text. Widgets are rendered asynchronously, so each such element is fixed when it appears.
  var labels = 0;
  function describeWidgets() {
    document.querySelectorAll(".widget-slider .noUi-handle:not([aria-labelledby]):not([aria-label])")
      .forEach(function (handle) {
        var label = handle.closest(".widget-slider").querySelector(".widget-label");
        if (label && label.textContent.trim()) {
          label.id = label.id || "widget-label-" + ++labels;
          handle.setAttribute("aria-labelledby", label.id);
        } else {
          handle.setAttribute("aria-label", "value");
        }
      });
    document.querySelectorAll(".widget-output img:not([alt])").forEach(function (img) {
      img.setAttribute("alt", "The figure this interactive widget drew for its starting setting, saved with " +
        "the page; the static figure next to the widget shows the same lesson");
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      setTimeout(function () {
        pending = false;
        describeWidgets();
      }, 0);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
