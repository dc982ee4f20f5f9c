/* search.js: the handbook's search page. It queries the index that
 * internal/search builds (search-index.LANG.HASH.js sets
 * window.MENTOR_SEARCH_INDEX; load it first). No framework, no requests:
 * works from file://, a subpath or a server. Folding, stemming and ranking
 * mirror internal/search; its tests run this file under node and compare.
 *
 * The page: <html data-root> (path to the site root), form#search-form,
 * input#search-input (name q), p#search-status[role=status], and
 * ol#search-results holding the UI strings ({q} query, {n} count):
 *   data-none="Ingen sider matcher »{q}«."  data-count-one="1 side matcher »{q}«."
 *   data-count-many="{n} sider matcher »{q}«."  data-empty="Skriv et eller flere ord."
 *   data-partial="Ingen sider indeholder alle ordene; viser sider med mindst ét af dem."
 * A result: <li><a href="page#anchor">Heading</a> <span class="search-section">Section ›
 * Page</span> <p class="search-snippet">… <mark>word</mark> …</p></li> (a result
 * on the page's start: the page's title, and its section), built with DOM
 * methods (page text never goes through innerHTML).
 */
(function () {
  'use strict';

  // Letters folded to a-z, æ, ø, å (upper and lower case): fold.go's foldGroups.
  var FOLD = {
    a: 'ÀÁÂÃàáâãĀāĂăĄąǍǎǞǟǠǡȀȁȂȃȦȧ', c: 'ÇçĆćĈĉĊċČč', d: 'ÐðĎďĐđ',
    e: 'ÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩ', g: 'ĜĝĞğĠġĢģǦǧǴǵ', h: 'ĤĥĦħȞȟ',
    i: 'ÌÍÎÏìíîïĨĩĪīĬĭĮįıǏǐȈȉȊȋ', ij: 'Ĳĳ', j: 'Ĵĵǰ', k: 'ĶķĸǨǩ',
    l: 'ĹĺĻļĽľĿŀŁł', n: 'ÑñŃńŅņŇňŊŋǸǹ',
    o: 'ÒÓÔÕòóôõŌōŎŏŐőƠơǑǒǪǫǬǭȌȍȎȏȪȫȬȭȮȯȰȱ', oe: 'Œœ', r: 'ŔŕŖŗŘřȐȑȒȓ',
    s: 'ŚśŜŝŞşŠšȘș', ss: 'ß', t: 'ŢţŤťŦŧȚț', th: 'Þþ',
    u: 'ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗ', w: 'Ŵŵ', y: 'ÝýÿŶŷŸȲȳ',
    z: 'ŹźŻżŽž', 'å': 'ÅåǺǻ', 'æ': 'ÄÆäæǢǣǼǽ', 'ø': 'ÖØöøǾǿ'
  };
  var foldMap = {};
  Object.keys(FOLD).forEach(function (to) {
    for (var i = 0; i < FOLD[to].length; i++) foldMap[FOLD[to][i]] = to;
  });

  // Neither in nor between words: combining marks, soft hyphen, zero widths.
  var IGNORABLE = /[\u00AD\u0300-\u036F\u200B-\u200D\u2060\uFEFF]/;

  // Calls fn(key) for each word of s (NFC): key has only a-z, 0-9, æ, ø, å.
  function tokenize(s, fn) {
    var key = '';
    for (var c of s) {
      var l = /[a-zA-Z0-9]/.test(c) ? c.toLowerCase() : foldMap[c];
      if (l) key += l;
      else if (key && !IGNORABLE.test(c)) { fn(key); key = ''; }
    }
    if (key) fn(key);
  }

  function toASCII(k) {
    return k.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa');
  }

  // aa→å, ae→æ, oe→ø, left to right: a query typed without Danish letters.
  function fromASCII(s) {
    return s.replace(/aa|ae|oe/g, function (m) {
      return m === 'aa' ? 'å' : m === 'ae' ? 'æ' : 'ø';
    });
  }

  // The Snowball Danish stemmer (snowballstem.org/algorithms/danish).
  var VOWELS = 'aeiouyæåø';
  var S_ENDING = 'abcdfghjklmnoprtvyzå';
  var MAIN = ('hed ethed ered e erede ende erende ene erne ere en heden eren er heder erer s heds es ' +
    'endes erendes enes ernes eres ens hedens erens ers ets erets et eret').split(' ');
  var PAIRS = 'gd dt gt kt'.split(' ');
  var OTHER = 'ig lig elig els løst'.split(' ');

  function isVowel(c) { return VOWELS.indexOf(c) >= 0; }

  // The longest of list that ends w and starts at p1 or later.
  function suffixR1(w, p1, list) {
    var best = '';
    list.forEach(function (s) {
      if (s.length > best.length && w.length - s.length >= p1 && w.endsWith(s)) best = s;
    });
    return best;
  }

  function consonantPair(w, p1) {
    return suffixR1(w, p1, PAIRS) ? w.slice(0, -1) : w;
  }

  function stemDanish(w) {
    var n = w.length, p1 = n, i = 0;
    if (n >= 3) {
      while (i < n && !isVowel(w[i])) i++;
      while (i < n && isVowel(w[i])) i++;
      if (i < n) p1 = Math.max(i + 1, 3);
    }
    var s = suffixR1(w, p1, MAIN);
    if (s === 's') {
      if (S_ENDING.indexOf(w[w.length - 2]) >= 0) w = w.slice(0, -1);
    } else if (s) {
      w = w.slice(0, -s.length);
    }
    w = consonantPair(w, p1);
    if (w.endsWith('igst')) w = w.slice(0, -2);
    s = suffixR1(w, p1, OTHER);
    if (s === 'løst') w = w.slice(0, -1);
    else if (s) w = consonantPair(w.slice(0, -s.length), p1);
    n = w.length;
    if (n - 1 >= p1 && !isVowel(w[n - 1]) && w[n - 2] === w[n - 1]) w = w.slice(0, -1);
    return toASCII(w);
  }

  // English plurals, Harman's S-stemmer: analyze.go's stemEnglish.
  function stemEnglish(k) {
    var w = toASCII(k), n = w.length;
    if (n <= 3 || w[n - 1] !== 's') return w;
    if (/ies$/.test(w) && !/[ea]ies$/.test(w)) return w.slice(0, -3) + 'y';
    if (/es$/.test(w) && !/[aeo]es$/.test(w)) return w.slice(0, -1);
    if (/[us]s$/.test(w)) return w;
    return w.slice(0, -1);
  }

  var STOP = {
    da: 'af at blev bliver da de dem den der det du efter eller en er et for fra han har hun hvad hvis hvor i ikke jeg jer kan man med men min mit naar og om op os paa saa sig sin sit skal som til ud ved vi vil vores',
    en: 'a an and are as at be been but by can do does for from had has have he her his i if in into is it its me my not of on or our s she so than that the their them then there these they this to was we were what when which who will with would you your'
  };

  // The term of one word's key, or '' (stop word, too long).
  function termOf(lang, key) {
    if (!key || key.length > 40 || STOP[lang].split(' ').indexOf(toASCII(key)) >= 0) return '';
    return lang === 'da' ? stemDanish(key) : stemEnglish(key);
  }

  // The terms of text, as the index stores them.
  function analyze(lang, text) {
    var out = [];
    tokenize(text.normalize('NFC'), function (k) {
      var t = termOf(lang, k);
      if (t) out.push(t);
    });
    return out;
  }

  // The words of a query: stems, synonyms, prefixes, and whether compounds count.
  function parseQuery(lang, q, syn) {
    var qts = [];
    tokenize(q.normalize('NFC'), function (key) {
      var t = termOf(lang, key);
      if (!t) return;
      var qt = { exact: [t], syn: [], prefixes: [], long: key.length >= 4 };
      var folded = toASCII(key);
      if (lang === 'da') {
        var alt = termOf(lang, fromASCII(folded));
        if (alt && alt !== t) qt.exact.push(alt);
      }
      qt.exact.forEach(function (e) {
        ((syn && Object.prototype.hasOwnProperty.call(syn, e) && syn[e]) || []).forEach(function (s) {
          if (qt.exact.indexOf(s) < 0 && qt.syn.indexOf(s) < 0) qt.syn.push(s);
        });
      });
      qt.prefixes = qt.exact.slice();
      if (qt.prefixes.indexOf(folded) < 0) qt.prefixes.push(folded);
      qts.push(qt);
    });
    return qts;
  }

  // How well index term t matches query word qt: 1 exact, .8 synonym,
  // .7 prefix, .6 a stem of 5+ letters that starts the word, .5 end of a
  // compound, .35 inside one, 0 not at all (analyze.go's match).
  function match(qt, t) {
    var best = 0, i, p = qt.prefixes;
    if (qt.exact.indexOf(t) >= 0) return 1;
    if (qt.syn.indexOf(t) >= 0) return 0.8;
    for (i = 0; i < p.length; i++) if (t.startsWith(p[i])) return 0.7;
    if (t.length >= 5) for (i = 0; i < p.length; i++) if (p[i].startsWith(t)) return 0.6;
    if (!qt.long) return 0;
    for (i = 0; i < qt.exact.length; i++) {
      var e = qt.exact[i];
      if (e.length < 4) continue;
      if (t.endsWith(e)) return 0.5;
      if (t.indexOf(e) >= 0) best = 0.35;
    }
    return best;
  }

  // Misspelt (query.go's matchNear): a word of 6+ letters that matches
  // nothing takes terms, and synonyms' terms, one edit away, at .6.
  function matchNear(ix, qt, best, matched) {
    var e = qt.exact[0], near = new Set();
    if (Array.from(e).length < 6) return;
    Object.keys(ix.syn).forEach(function (k) {
      if (oneEdit(e, k) || (Array.from(k).length >= 5 && e.startsWith(k))) ix.syn[k].forEach(function (s) { near.add(s); });
    });
    ix.terms.forEach(function (term, t) {
      if (!near.has(term) && !oneEdit(e, term)) return;
      var w = 0.6 * ix.idf[t], p = ix.post[t];
      matched.set(t, w);
      for (var j = 0; j < p.length; j += 2) best[p[j]] = Math.max(best[p[j]], w * p[j + 1]);
    });
  }

  // One letter changed, added or dropped, or two swapped (query.go's oneEdit).
  function oneEdit(a, b) {
    var x = Array.from(a), y = Array.from(b), i = 0, t;
    if (x.length > y.length) { t = x; x = y; y = t; }
    var d = y.length - x.length, r = function (u, n) { return u.slice(n).join(); };
    if (d > 1) return false;
    while (i < x.length && x[i] === y[i]) i++;
    if (d) return r(x, i) === r(y, i + 1);
    return i < x.length && (r(x, i + 1) === r(y, i + 1) || (x[i] === y[i + 1] && x[i + 1] === y[i] && r(x, i + 2) === r(y, i + 2)));
  }

  // Code strings: index.go's encode.
  var CODE = '#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~';
  function decode(s) {
    var out = [], n = 0, mul = 1;
    for (var i = 0; i < s.length; i++) {
      var d = CODE.indexOf(s[i]);
      if (d >= 46) { n += (d - 46) * mul; mul *= 45; } else { out.push(n + d * mul); n = 0; mul = 1; }
    }
    return out;
  }

  // Reads the raw index and scores every term in every page (index.go's score).
  function load(raw) {
    var wt = decode(raw.wt).map(function (v) { return v - 1; });
    var n = raw.docs.length, df = new Array(raw.terms.length).fill(0);
    var total = 0, counts = [], dls = [];
    var docs = raw.docs.map(function (d, di) {
      var c = new Map(), dl = 0;
      var get = function (t) {
        var x = c.get(t);
        if (!x) { x = [0, 0, 0]; c.set(t, x); df[t]++; }
        return x;
      };
      var text = decode(d[5]), tt = decode(d[3]), dt = decode(d[6]);
      tt.forEach(function (t) { get(t)[0]++; });
      decode(d[4]).forEach(function (t) { get(t)[1]++; });
      dt.forEach(function (t) { get(t)[1]++; });
      text.forEach(function (v) {
        if (v % 2 === 0 && wt[v / 2] >= 0) { get(wt[v / 2])[2]++; dl++; }
      });
      total += dl; counts.push(c); dls.push(dl);
      var secs = d[7].map(function (x) { return { anchor: x[0], title: x[1], head: decode(x[2]), start: x[3] }; });
      return { doc: di, url: d[0], title: d[1], section: d[2], tt: tt, text: text, sections: secs };
    });
    var avg = n > 0 && total > 0 ? total / n : 1;
    var idf = df.map(function (f) { return Math.log(1 + (n - f + 0.5) / (f + 0.5)); });
    var post = raw.terms.map(function () { return []; });
    counts.forEach(function (c, d) {
      var norm = 1.2 * (1 - 0.75 + 0.75 * dls[d] / avg);
      c.forEach(function (x, t) {
        var s = 0, w = x[2] + 3 * x[1];
        if (w > 0) s = w * 2.2 / (w + norm);
        if (x[0] > 0) s += 3;
        post[t].push(d, s);
      });
    });
    var termIds = new Map();
    raw.terms.forEach(function (t, i) { termIds.set(t, i); });
    return {
      lang: raw.lang, terms: raw.terms, termIds: termIds, words: raw.words, wt: wt, seps: raw.seps,
      syn: raw.syn || {}, docs: docs, idf: idf, post: post
    };
  }

  // The head and text range of unit u of doc d: 0 the page before its
  // first section (head: title and description), u > 0 section u-1.
  function unit(d, u) {
    var to = u < d.sections.length ? d.sections[u].start : d.text.length;
    if (u === 0) return { head: d.tt, from: 0, to: to };
    var s = d.sections[u - 1];
    return { head: s.head, from: s.start, to: to };
  }

  // The unit answering best: most query words, most in its head, the
  // page's start when its title holds any, most matches; and a section's
  // bonus, its head words' best weights (query.go's bestUnit).
  function bestUnit(ix, d, matched) {
    var best = { u: 0, bonus: 0 }, bk = null;
    for (var u = 0; u <= d.sections.length; u++) {
      var r = unit(d, u), seen = matched.map(function () { return false; }), hw = 0, occ = 0, hb = 0;
      matched.forEach(function (m, i) {
        var top = 0;
        r.head.forEach(function (t) { top = Math.max(top, m.get(t) || 0); });
        if (top > 0) { seen[i] = true; hw++; hb += top; }
      });
      for (var j = r.from; j < r.to; j++) {
        var v = d.text[j];
        if (v % 2 !== 0 || ix.wt[v / 2] < 0) continue;
        var hit = false;
        matched.forEach(function (m, i) { if (m.has(ix.wt[v / 2])) { seen[i] = true; hit = true; } });
        if (hit) occ++;
      }
      var k = [seen.filter(Boolean).length, hw, u === 0 && hw > 0 ? 1 : 0, occ];
      var better = !bk;
      for (var x = 0; !better && x < 4 && k[x] >= bk[x]; x++) if (k[x] > bk[x]) better = true;
      if (better) { best = { u: u, bonus: u ? hb : 0 }; bk = k; }
    }
    return best;
  }

  // Runs q: {hits: [{doc, score, url, title, section, anchor, heading, from, to}],
  // matched: [Map term id -> weight, per query word], partial: not every word found}.
  function search(ix, q) {
    var qts = parseQuery(ix.lang, q, ix.syn), n = ix.docs.length;
    var best = [], matched = [];
    qts.forEach(function (qt, i) {
      best.push(new Float64Array(n));
      matched.push(new Map());
      // Non-exact matches weigh at most the idf of the word's own term.
      var cap = Infinity;
      qt.exact.forEach(function (e) {
        var t = ix.termIds.get(e);
        if (t !== undefined && (cap === Infinity || ix.idf[t] > cap)) cap = ix.idf[t];
      });
      ix.terms.forEach(function (term, t) {
        var f = match(qt, term);
        if (!f) return;
        var w = f === 1 ? ix.idf[t] : Math.min(ix.idf[t], cap), p = ix.post[t];
        matched[i].set(t, f * w);
        for (var j = 0; j < p.length; j += 2) {
          var v = f * w * p[j + 1];
          if (v > best[i][p[j]]) best[i][p[j]] = v;
        }
      });
      if (!matched[i].size) matchNear(ix, qt, best[i], matched[i]);
    });
    function collect(all) {
      var hits = [];
      for (var d = 0; d < n; d++) {
        var s = 0, m = 0;
        for (var i = 0; i < qts.length; i++) if (best[i][d] > 0) { s += best[i][d]; m++; }
        if (m === qts.length) hits.push({ doc: d, score: s });
        else if (!all && m > 0) hits.push({ doc: d, score: s * 0.5 * m / qts.length });
      }
      return hits;
    }
    var hits = [], partial = false;
    if (qts.length && n) {
      hits = collect(true);
      if (!hits.length) { hits = collect(false); partial = hits.length > 0; }
    }
    hits.forEach(function (h) {
      var b = bestUnit(ix, ix.docs[h.doc], matched);
      h.unit = b.u; h.score += 1.5 * b.bonus;
    });
    hits.sort(function (a, b) {
      var ta = ix.docs[a.doc].title, tb = ix.docs[b.doc].title;
      return b.score - a.score || (ta < tb ? -1 : ta > tb ? 1 : 0) || a.doc - b.doc;
    });
    hits.forEach(function (h) {
      var d = ix.docs[h.doc], u = h.unit, r = unit(d, u);
      h.url = d.url; h.title = d.title; h.section = d.section; h.from = r.from; h.to = r.to;
      h.anchor = u ? d.sections[u - 1].anchor : ''; h.heading = u ? d.sections[u - 1].title : '';
    });
    return { hits: hits, matched: matched, partial: partial };
  }

  // The snippet of doc's text[from:to]: [{text, mark}], ~160 UTF-16 units
  // around the match with the most distinct query words (query.go's snippet).
  function snippet(ix, doc, from, to, matched) {
    var items = [], cands = [], off = 0, prev = false;
    var push = function (str, word, t) {
      var it = { s: str, off: off, word: word, words: [] };
      if (t >= 0) matched.forEach(function (m, i) { if (m.has(t)) it.words.push(i); });
      if (it.words.length) cands.push(items.length);
      items.push(it);
      off += str.length;
    };
    ix.docs[doc].text.slice(from, to).forEach(function (v) {
      var word = v % 2 === 0, k = (v - (word ? 0 : 1)) / 2;
      if (word && prev) push(' ', false, -1);
      if (word) push(ix.words[k], true, ix.wt[k]); else push(ix.seps[k], false, -1);
      prev = word;
    });
    var start = 0, bestN = 0;
    cands.forEach(function (c) {
      var ws = Math.max(0, items[c].off - 40), seen = new Set(), j;
      var note = function (w) { seen.add(w); };
      for (j = c; j >= 0 && items[j].off >= ws; j--) items[j].words.forEach(note);
      for (j = c + 1; j < items.length && items[j].off < ws + 160; j++) items[j].words.forEach(note);
      if (seen.size > bestN) { bestN = seen.size; start = ws; }
    });
    var first = 0;
    while (first < items.length && (items[first].off < start || (start > 0 && !items[first].word))) first++;
    var last = first;
    while (last < items.length && items[last].off < start + 160) last++;
    var end = last;
    while (end < items.length && end > first && !items[end - 1].word) end--;
    var frags = [];
    var add = function (s, mark) {
      var k = frags.length;
      if (!mark && k && !frags[k - 1].mark) frags[k - 1].text += s;
      else frags.push({ text: s, mark: mark });
    };
    if (first > 0) add('… ', false);
    items.slice(first, end).forEach(function (it) { add(it.s, it.words.length > 0); });
    if (end < items.length) add(' …', false);
    return frags;
  }

  var api = {
    tokenize: tokenize, stemDanish: stemDanish, stemEnglish: stemEnglish, analyze: analyze,
    parseQuery: parseQuery, decode: decode, load: load, search: search, snippet: snippet
  };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document === 'undefined') return;

  var MAX_SHOWN = 100;

  function init() {
    var byId = document.getElementById.bind(document), raw = window.MENTOR_SEARCH_INDEX;
    var list = byId('search-results'), input = byId('search-input');
    var form = byId('search-form'), status = byId('search-status');
    if (!list || !input || !status || !raw) return;
    var ix = load(raw);
    var root = document.documentElement.getAttribute('data-root') || '';
    if (root === './') root = '';
    if (root && root.slice(-1) !== '/') root += '/';
    var fileMode = location.protocol === 'file:';
    var lastQ = null, timer = 0;

    function say(name, q, n) {
      return (list.getAttribute('data-' + name) || '').split('{q}').join(q).split('{n}').join(String(n));
    }

    function href(url, anchor) {
      var h = root + url;
      if (fileMode && /\/$/.test(h)) h += 'index.html';
      return anchor ? h + '#' + anchor : h;
    }

    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text) e.textContent = text;
      return e;
    }

    function render(h, matched) {
      var li = el('li'), a = el('a', '', h.heading || h.title), p = el('p', 'search-snippet');
      var where = [h.section, h.heading ? h.title : ''].filter(Boolean).join(' › ');
      a.href = href(h.url, h.anchor);
      li.appendChild(a);
      if (where) li.append(' ', el('span', 'search-section', where));
      snippet(ix, h.doc, h.from, h.to, matched).forEach(function (f) {
        p.append(f.mark ? el('mark', '', f.text) : f.text);
      });
      if (p.firstChild) li.appendChild(p);
      return li;
    }

    function setURL(q) {
      if (fileMode) return; // replaceState may throw on file://
      try {
        var u = new URL(location.href);
        if (q) u.searchParams.set('q', q); else u.searchParams.delete('q');
        history.replaceState(history.state, '', u.href);
      } catch (e) { /* not allowed here: keep the URL */ }
    }

    function run(q) {
      q = q.trim();
      if (q === lastQ) return;
      lastQ = q;
      while (list.firstChild) list.removeChild(list.firstChild);
      if (!q) { status.textContent = say('empty', q, 0); return; }
      var r = search(ix, q), n = r.hits.length;
      status.textContent = (r.partial ? say('partial', q, n) + ' ' : '') +
        say(n === 0 ? 'none' : n === 1 ? 'count-one' : 'count-many', q, n);
      var frag = document.createDocumentFragment();
      r.hits.slice(0, MAX_SHOWN).forEach(function (h) { frag.appendChild(render(h, r.matched)); });
      list.appendChild(frag);
    }

    function go() {
      clearTimeout(timer);
      run(input.value);
      setURL(input.value.trim());
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(go, 150);
    });
    if (form) form.addEventListener('submit', function (e) { e.preventDefault(); go(); });
    var q = new URLSearchParams(location.search).get('q');
    if (q) { input.value = q; run(q); }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
