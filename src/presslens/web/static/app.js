// presslens web: small enhancements; every page works without this script.
(function () {
  "use strict";

  // Hovering a speaker in the side list brings out that speaker's quotes in the text.
  function linkSpeakers() {
    var text = document.getElementById("article-text");
    if (!text) { return; }
    document.querySelectorAll("li.speaker[data-speaker]").forEach(function (item) {
      var marks = text.querySelectorAll("mark.q.s" + item.getAttribute("data-speaker"));
      item.addEventListener("mouseenter", function () {
        text.classList.add("dim");
        marks.forEach(function (m) { m.classList.add("hot"); });
      });
      item.addEventListener("mouseleave", function () {
        text.classList.remove("dim");
        marks.forEach(function (m) { m.classList.remove("hot"); });
      });
    });
  }

  // Analyze form: show the UTF-8 size of the pasted text and refuse to send more than the limit.
  function sizeCounter() {
    var form = document.querySelector("form.analyze");
    if (!form) { return; }
    var area = form.querySelector("textarea");
    var out = document.getElementById("text-size");
    var max = parseInt(form.getAttribute("data-max-bytes"), 10) || 200000;
    var encoder = new TextEncoder();
    function update() {
      var size = encoder.encode(area.value).length;
      out.textContent = size ? (size / 1000).toFixed(1) + " kB of " + (max / 1000) + " kB" : "";
      out.classList.toggle("over", size > max);
      return size;
    }
    area.addEventListener("input", update);
    form.addEventListener("submit", function (event) {
      if (update() > max) {
        event.preventDefault();
        out.textContent = "Too long: at most " + (max / 1000) + " kB can be analysed here.";
      }
    });
    update();
  }

  // Filter forms submit as soon as a select changes.
  function autoSubmit() {
    document.querySelectorAll("form.filters select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    linkSpeakers();
    sizeCounter();
    autoSubmit();
  });
})();
