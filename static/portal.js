// Optional enhancements; every page works without this file.
// - The chart's selection form submits as soon as a choice changes (the button stays for keyboard users).
// - The error summary of a form gets focus so that screen readers announce it.
(function () {
  'use strict';
  document.querySelectorAll('form.selection select').forEach(function (select) {
    select.addEventListener('change', function () { select.form.submit(); });
  });
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
})();
