/* site.js: the phone menu (a button that shows and hides the sidebar,
 * closed again by Escape) and the print button of the sheets. Without
 * this script the sidebar simply stays open. */
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');
  var button = document.querySelector('.menu-toggle');
  var nav = button && document.getElementById(button.getAttribute('aria-controls'));
  if (button && nav) {
    button.hidden = false;
    var set = function (open) {
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      nav.classList.toggle('open', open);
    };
    button.addEventListener('click', function () {
      set(button.getAttribute('aria-expanded') !== 'true');
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
        set(false);
        button.focus();
      }
    });
  }
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () { window.print(); });
  });
})();
