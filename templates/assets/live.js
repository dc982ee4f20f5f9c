/* live.js: only in the preview (go run ./cmd/build -serve). Reloads the
 * page when the server reports a new build on /_live. */
(function () {
  'use strict';
  if (!window.EventSource) return;
  var es = new EventSource('/_live');
  es.addEventListener('reload', function () { location.reload(); });
})();
