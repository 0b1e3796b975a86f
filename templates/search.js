/* zongwu: search.html's search, Pagefind's interface over every partition of the
   index (pagefind/bundles.json); ?q=WORDS searches on opening, so a search can be
   shared as a link. Opened from a file, it says that search needs a web server.
   The records are in Chinese whatever language the site is in, and so is the index;
   Pagefind cuts a query into words only on a page in Chinese, so on a page in another
   language the query is cut into Chinese words here, and finds what it finds on the
   Chinese site. */
(function () {
  'use strict';
  var box = document.getElementById('search');
  var note = document.getElementById('search-note');
  function say(text) { note.textContent = text; note.hidden = false; }
  var chinese = /^zh\b/i.test(document.documentElement.lang);
  var cutter = !chinese && typeof Intl !== 'undefined' && Intl.Segmenter &&
    new Intl.Segmenter('zh', { granularity: 'word' });
  function words(query) {
    return Array.from(cutter.segment(query), function (s) { return s.segment; }).join(' ');
  }
  if (location.protocol === 'file:') { say(box.getAttribute('data-needs-server')); return; }
  fetch(box.getAttribute('data-bundles')).then(function (r) {
    if (!r.ok) { throw new Error(r.status); }
    return r.json();
  }).then(function (bundles) {
    if (!bundles.length) { say(box.getAttribute('data-nothing')); return; }
    var base = new URL(box.getAttribute('data-bundles'), location.href).href.replace(/bundles\.json$/, '');
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = base + bundles[0] + '/pagefind-ui.css';
    document.head.appendChild(css);
    var script = document.createElement('script');
    script.src = base + bundles[0] + '/pagefind-ui.js';
    script.onload = function () {
      var ui = new PagefindUI({
        element: '#search',
        bundlePath: base + bundles[0] + '/',
        mergeIndex: bundles.slice(1).map(function (b) { return { bundlePath: base + b + '/' }; }),
        showImages: false,
        showSubResults: false,
        resetStyles: false,
        pageSize: 10,
        // Results link to pages below the site's top, wherever the site is served.
        baseUrl: new URL('.', location.href).pathname,
        // Searching on the page's own thread: the indexes are small partitions.
        noWorker: true,
        processTerm: cutter ? words : null
      });
      var q = new URLSearchParams(location.search).get('q');
      if (q) { ui.triggerSearch(q); }
    };
    document.head.appendChild(script);
  }).catch(function () { say(box.getAttribute('data-missing')); });
})();
