// Optional enhancement; every page works without this file. When a form comes back with errors, the
// error summary gets focus so that screen readers announce it (no change of context on input: WCAG 3.2.2).
(function () {
  'use strict';
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
})();
