// Progressive enhancement only: the site works fully without this file.
// Shows the "Copy text" buttons and copies their target's text to the clipboard.
(function () {
  "use strict";
  function copy(button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) { return; }
    var original = button.textContent;
    var done = function () {
      button.textContent = button.getAttribute("data-copied-label") || original;
      window.setTimeout(function () { button.textContent = original; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(target.value || target.textContent).then(done, function () {
        target.select();
      });
    } else {
      target.focus();
      target.select();
      try { if (document.execCommand("copy")) { done(); } } catch (e) { /* text stays selected */ }
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll(".js-copy");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function (event) { copy(event.currentTarget); });
    }
  });
})();
