/* site.js: the phone menu (a button that shows and hides the sidebar,
 * closed again by Escape), the print button of the sheets, and links that
 * work from disk. Without this script the sidebar simply stays open.
 *
 * It is loaded in <head> without defer: the "js" class goes on <html>
 * before the page is first drawn, so that the stylesheet shows the menu
 * button and folds the phone sidebar from the start, and nothing moves
 * when the rest runs (layout shift). The rest waits for the document.
 *
 * From file:// a folder URL ("../soeg/") opens a folder listing, not the
 * page, so there the links of the site that end in a slash (before any
 * ?query or #anchor) get index.html added, and so does the action of the
 * search form in the header. Served over HTTP nothing changes. */
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();

  function init() {
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
  if (location.protocol === 'file:') {
    // A link of the site: relative, no scheme, not starting at the root.
    var folder = function (h) {
      if (h === null || /^([a-z][a-z0-9+.-]*:|\/|[?#])/i.test(h)) return null;
      var m = /^([^?#]*)(.*)$/.exec(h);
      return m[1] && m[1].slice(-1) === '/' ? m[1] + 'index.html' + m[2] : null;
    };
    document.querySelectorAll('a[href]').forEach(function (a) {
      var h = folder(a.getAttribute('href'));
      if (h) a.setAttribute('href', h);
    });
    document.querySelectorAll('form[action]').forEach(function (f) {
      var h = folder(f.getAttribute('action'));
      if (h) f.setAttribute('action', h);
    });
  }
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () { window.print(); });
  });
  }
})();
