// wellops UI: progressive enhancement only. Every form works without this file; with it,
// answers save as they are ticked and the parts of the page that changed are swapped in.
(function () {
  "use strict";

  // Swap the elements marked data-live with the ones of the same id in a fresh page.
  function swapLive(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    document.querySelectorAll("[data-live]").forEach(function (el) {
      var fresh = doc.getElementById(el.id);
      if (fresh) el.replaceWith(fresh);
    });
    return doc;
  }

  function autosave(form) {
    var status = document.getElementById("save-status");
    var timer = null, inflight = null;
    var say = function (key) { if (status) status.textContent = form.dataset[key] || ""; };

    function save() {
      var body = new URLSearchParams(new FormData(form));
      body.set("go", "stay");
      say("saving");
      inflight = fetch(form.action, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (resp) {
          return resp.text().then(function (html) {
            if (!resp.ok) { form.submit(); return; } // let the server show what went wrong
            swapLive(html);
            say("saved");
          });
        })
        .catch(function () { say("failed"); });
    }

    form.addEventListener("change", function (ev) {
      var t = ev.target;
      // "None of these" and the best practices exclude each other, as the risk rules do.
      if (t.name === "choice" && t.checked) {
        var none = t.hasAttribute("data-none");
        form.querySelectorAll('input[name="choice"]').forEach(function (c) {
          if (c !== t && c.hasAttribute("data-none") !== none) c.checked = false;
        });
      }
      var li = t.closest && t.closest(".choice");
      if (li) {
        var box = li.querySelector('input[name="choice"]');
        li.classList.toggle("is-selected", !!(box && box.checked));
      }
      clearTimeout(timer);
      timer = setTimeout(save, t.tagName === "TEXTAREA" ? 0 : 250);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-autosave]").forEach(autosave);
    // A status select saves as soon as it changes; the button stays for keyboards and no-JS.
    document.querySelectorAll("select[data-autosubmit]").forEach(function (s) {
      s.addEventListener("change", function () { s.form.requestSubmit ? s.form.requestSubmit() : s.form.submit(); });
    });
    var errs = document.getElementById("form-errors");
    if (errs) errs.focus();
  });
})();
