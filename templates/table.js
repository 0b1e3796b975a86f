/* zongwu: sortable and filterable tables. Only enhances: without it, tables are plain.
   Works from file:// (no requests, no storage). Rows are hidden with the `hidden`
   attribute; `?q=words` in the address fills the filter, so a filtered list can be
   bookmarked. */
(function () {
  'use strict';

  function key(cell) {
    return cell ? (cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim()) : '';
  }

  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (a !== '' && b !== '' && !isNaN(x) && !isNaN(y) && String(x) === a.replace(/^0+(?=\d)/, '') && String(y) === b.replace(/^0+(?=\d)/, '')) {
      return x - y;
    }
    return a.localeCompare(b, 'zh-CN');
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      th.classList.add('sortable');
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.map.call(body.rows, function (row, index) { return { row: row, index: index, key: key(row.cells[column]) }; });
        rows.sort(function (a, b) { return (ascending ? 1 : -1) * compare(a.key, b.key) || a.index - b.index; });
        rows.forEach(function (r) { body.appendChild(r.row); });
      });
    });
  }

  function makeFilterable(table, index) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var bar = document.createElement('div');
    bar.className = 'filter-bar';
    var label = document.createElement('label');
    var id = 'filter-' + index;
    label.htmlFor = id;
    label.textContent = table.getAttribute('data-filter-label') || 'Filter';
    var input = document.createElement('input');
    input.type = 'search';
    input.id = id;
    input.className = 'filter';
    input.placeholder = table.getAttribute('data-filter-placeholder') || '';
    var count = document.createElement('span');
    count.className = 'filter-count';
    count.setAttribute('aria-live', 'polite');
    bar.appendChild(label);
    bar.appendChild(input);
    bar.appendChild(count);
    var anchor = table.parentNode.classList.contains('table-wrap') ? table.parentNode : table;
    anchor.parentNode.insertBefore(bar, anchor);

    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var text = row.textContent.toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      count.textContent = shown + ' / ' + body.rows.length;
    }
    input.addEventListener('input', apply);
    var query = new URLSearchParams(window.location.search).get('q');
    if (query && index === 0) { input.value = query; }
    apply();
  }

  /* A table wider than the screen says that it scrolls sideways. */
  function markOverflow() {
    document.querySelectorAll('.table-wrap').forEach(function (wrap) {
      wrap.classList.toggle('overflows', wrap.scrollWidth > wrap.clientWidth + 1);
    });
  }

  document.querySelectorAll('table.data.sortable').forEach(makeSortable);
  document.querySelectorAll('table.data.filterable').forEach(makeFilterable);
  markOverflow();
  window.addEventListener('resize', markOverflow);
}());
