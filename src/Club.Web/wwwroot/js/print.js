// Print buttons (data-print) without an inline onclick, which the site's Content-Security-Policy forbids.
(function () {
  'use strict';
  document.querySelectorAll('button[data-print]').forEach(function (button) {
    button.addEventListener('click', function () {
      window.print();
    });
  });
})();
