/* Run inside a built page by tests/site.rs, which shows the page in an iframe of the
   width to test (headless Chromium lays out a window no narrower than 500 px): looks
   at the page as laid out and posts what is wrong, one line each, to the frame around
   it, which writes it into <pre id="layout-problems"> for the test to read back from
   the dumped DOM. Checks:
   - no element reaches past the viewport's right edge unless a scroll container
     (overflow-x auto/scroll/hidden) holds it;
   - nothing in a key-figure card is wider than the card or overflows its own box;
   - in every chart shown, no two texts overlap and no text is smaller than 12 px. */
(function () {
  'use strict';
  var problems = [];
  var width = document.documentElement.clientWidth;

  function describe(el) {
    var name = el.tagName.toLowerCase();
    var cls = el.getAttribute('class');
    if (cls) { name += '.' + cls.trim().split(/\s+/).join('.'); }
    return name + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  }
  function shown(el) {
    var r = el.getBoundingClientRect();
    return r.width > 0 || r.height > 0;
  }
  function inScroller(el) {
    for (var p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      var o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') { return true; }
    }
    return false;
  }
  function overlap(a, b) {
    var x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    var y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return x > 0.5 && y > 0.5;
  }

  Array.prototype.forEach.call(document.querySelectorAll('body *'), function (el) {
    if (!shown(el)) { return; }
    var r = el.getBoundingClientRect();
    if (r.right > width + 0.5 && !inScroller(el)) {
      problems.push('past the page edge (' + Math.round(r.right) + ' > ' + width + ' px): ' + describe(el));
    }
  });

  Array.prototype.forEach.call(document.querySelectorAll('.card'), function (card) {
    var c = card.getBoundingClientRect();
    Array.prototype.forEach.call(card.querySelectorAll('*'), function (el) {
      var r = el.getBoundingClientRect();
      if (r.right > c.right + 0.5 || r.left < c.left - 0.5 || el.scrollWidth > el.clientWidth + 1) {
        problems.push('out of its card: ' + describe(el));
      }
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll('svg.chart-svg'), function (svg) {
    if (!shown(svg)) { return; }
    var scale = svg.getScreenCTM().a;
    var texts = Array.prototype.filter.call(svg.querySelectorAll('text'), shown);
    var boxes = texts.map(function (t) { return t.getBoundingClientRect(); });
    texts.forEach(function (t, i) {
      var px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < 11.95) {
        problems.push('chart text of ' + px.toFixed(1) + ' px: ' + describe(t));
      }
      for (var j = i + 1; j < texts.length; j++) {
        if (overlap(boxes[i], boxes[j])) {
          problems.push('chart texts overlap: ' + describe(t) + ' and ' + describe(texts[j]));
        }
      }
    });
  });

  parent.postMessage({
    width: width,
    charts: document.querySelectorAll('svg.chart-svg').length,
    problems: problems.join('\n')
  }, '*');
})();
