/*
 * PmSite search: ranks post-mortems in the browser exactly as `pmsite search` does with Lucene.
 *
 * - Analysis repeats Lucene's EnglishAnalyzer: StandardTokenizer (Unicode word boundaries),
 *   EnglishPossessiveFilter, LowerCaseFilter, StopFilter (English stop words), PorterStemFilter.
 * - Ranking repeats Lucene's BM25Similarity in single precision (Math.fround) over the same fields
 *   and boosts; scores are summed per document in double precision, as Lucene's BooleanScorer does.
 * - The index under /search/ is read on demand: the manifest, the dictionary shard of each query
 *   term (found through its group's separators; its best postings inline), the packs holding further postings blocks only while those can
 *   still change the top results, and the display packs of the results shown (as the display map
 *   names them). Packs are whole small files: no range requests, so any static host serves them.
 * - Facet counts and the number of matches are exact or not shown. A one-term query's come from the term's facet
 *   summary (one small fetch); counts that need every match with its facet values, which grow with the number of
 *   post-mortems, are read at once only when that costs a few files, else when the reader asks (see facetCounts).
 *
 * Without a DOM (node) this file exports the analysis, for the parity tests.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------- analysis

  var STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it',
    'no', 'not', 'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was',
    'will', 'with']);

  var MAX_TOKEN_LENGTH = 255;

  // Word-break classes of Unicode UAX #29, as StandardTokenizer uses them.
  var AL = 1, NU = 2, KA = 3, EXN = 4, ML = 5, MN = 6, MNL = 7, SQ = 8, EXT = 9, ID = 10, HI = 11, SEA = 12, OTHER = 0;
  var reExtend = /[\p{Mn}\p{Me}\p{Mc}\u200C\u200D]/u;
  var reFormat = /\p{Cf}/u;
  var reHan = /\p{Script=Han}/u;
  var reHiragana = /\p{Script=Hiragana}/u;
  var reKatakana = /[\p{Script=Katakana}\u3031-\u3035\u309B\u309C\u30A0\u30FC\uFF70]/u;
  var reSoutheastAsian = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Tai_Le}\p{Script=New_Tai_Lue}\p{Script=Tai_Tham}\p{Script=Tai_Viet}]/u;
  var reLetter = /[\p{Alphabetic}]/u;
  var reDigit = /\p{Nd}/u;
  var reConnector = /\p{Pc}/u;
  var MID_LETTER = ':\u00B7\u0387\u05F4\u2027\uFE13\uFE55\uFF1A';
  var MID_NUM = ',;\u037E\u0589\u060C\u060D\u066C\u07F8\u2044\uFE10\uFE14\uFE50\uFE54\uFF0C\uFF1B';
  var MID_NUM_LET = '.\u2018\u2019\u2024\uFE52\uFF07\uFF0E';
  var classCache = new Map();

  function classOf(cp) {
    if (cp < 0x80) {
      if ((cp >= 0x61 && cp <= 0x7A) || (cp >= 0x41 && cp <= 0x5A)) return AL;
      if (cp >= 0x30 && cp <= 0x39) return NU;
      if (cp === 0x5F) return EXN;
      if (cp === 0x27) return SQ;
      if (cp === 0x3A) return ML;
      if (cp === 0x2C || cp === 0x3B) return MN;
      if (cp === 0x2E) return MNL;
      return OTHER;
    }
    var cached = classCache.get(cp);
    if (cached !== undefined) return cached;
    var ch = String.fromCodePoint(cp);
    var c = OTHER;
    if (cp === 0x200B) c = OTHER;
    else if (reExtend.test(ch) || reFormat.test(ch)) c = EXT;
    else if (MID_LETTER.indexOf(ch) >= 0) c = ML;
    else if (MID_NUM.indexOf(ch) >= 0) c = MN;
    else if (MID_NUM_LET.indexOf(ch) >= 0) c = MNL;
    else if (reConnector.test(ch)) c = EXN;
    else if (reHan.test(ch)) c = ID;
    else if (reHiragana.test(ch)) c = HI;
    else if (reKatakana.test(ch)) c = KA;
    else if (reSoutheastAsian.test(ch)) c = SEA;
    else if (reDigit.test(ch)) c = NU;
    else if (reLetter.test(ch)) c = AL;
    classCache.set(cp, c);
    return c;
  }

  /** Splits text into word tokens as Lucene's StandardTokenizer does: [{ text, start, end }] (UTF-16 offsets). */
  function tokenize(text) {
    // Units: a character with the Extend/Format characters that follow it (UAX #29 rule WB4).
    var units = [];
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i);
      var size = cp > 0xFFFF ? 2 : 1;
      var c = classOf(cp);
      if (c === EXT && units.length > 0 && units[units.length - 1].end === i && units[units.length - 1].c !== OTHER) {
        units[units.length - 1].end = i + size;
      } else {
        units.push({ c: c === EXT ? OTHER : c, start: i, end: i + size });
      }
      i += size;
    }

    var tokens = [];
    function emit(from, to) {
      var value = text.slice(units[from].start, units[to].end);
      if (value.length <= MAX_TOKEN_LENGTH) tokens.push({ text: value, start: units[from].start, end: units[to].end });
    }
    function isWord(c) { return c === AL || c === NU || c === KA || c === EXN; }
    function joins(a, b) {
      if (b === EXN) return a === AL || a === NU || a === KA || a === EXN;
      if (a === EXN) return b === AL || b === NU || b === KA;
      if (a === AL) return b === AL || b === NU;
      if (a === NU) return b === NU || b === AL;
      if (a === KA) return b === KA;
      return false;
    }
    var n = units.length;
    for (var u = 0; u < n;) {
      var cls = units[u].c;
      if (isWord(cls)) {
        var end = u;
        var hasCore = cls !== EXN;
        for (;;) {
          var cur = units[end].c;
          var next = end + 1 < n ? units[end + 1] : null;
          if (next && joins(cur, next.c)) {
            end++;
            if (next.c !== EXN) hasCore = true;
            continue;
          }
          var after = end + 2 < n ? units[end + 2] : null;
          if (next && after) {
            var mid = next.c;
            if (cur === AL && after.c === AL && (mid === ML || mid === MNL || mid === SQ)) { end += 2; continue; }
            if (cur === NU && after.c === NU && (mid === MN || mid === MNL || mid === SQ)) { end += 2; continue; }
          }
          break;
        }
        if (hasCore) emit(u, end);
        u = end + 1;
      } else if (cls === ID || cls === HI) {
        emit(u, u);
        u++;
      } else if (cls === SEA) {
        var last = u;
        while (last + 1 < n && units[last + 1].c === SEA) last++;
        emit(u, last);
        u = last + 1;
      } else {
        u++;
      }
    }
    return tokens;
  }

  /** EnglishPossessiveFilter: drops a trailing 's (also with ’ or ＇). */
  function dropPossessive(word) {
    var n = word.length;
    if (n >= 2) {
      var q = word.charAt(n - 2);
      var s = word.charAt(n - 1);
      if ((q === "'" || q === '\u2019' || q === '\uFF07') && (s === 's' || s === 'S')) return word.slice(0, n - 2);
    }
    return word;
  }

  /** LowerCaseFilter: Character.toLowerCase on each code point (no context-dependent mappings). */
  function lowerCase(word) {
    var simple = true;
    for (var i = 0; i < word.length; i++) {
      if (word.charCodeAt(i) >= 0x80) { simple = false; break; }
    }
    if (simple) return word.toLowerCase();
    var out = '';
    for (var j = 0; j < word.length;) {
      var cp = word.codePointAt(j);
      var ch = String.fromCodePoint(cp);
      var lower = cp === 0x130 ? 'i' : ch.toLowerCase();
      out += Array.from(lower).length === 1 ? lower : ch;
      j += cp > 0xFFFF ? 2 : 1;
    }
    return out;
  }

  /** Porter's stemmer, step for step as Lucene's PorterStemmer (Release 3 with its two bug fixes). */
  function stem(word) {
    var b = word.split('');
    var k = b.length - 1, k0 = 0, j = 0;
    if (k <= k0 + 1) return word;

    function cons(i) {
      switch (b[i]) {
        case 'a': case 'e': case 'i': case 'o': case 'u': return false;
        case 'y': return i === k0 ? true : !cons(i - 1);
        default: return true;
      }
    }
    function m() {
      var n = 0, i = k0;
      for (;;) { if (i > j) return n; if (!cons(i)) break; i++; }
      i++;
      for (;;) {
        for (;;) { if (i > j) return n; if (cons(i)) break; i++; }
        i++; n++;
        for (;;) { if (i > j) return n; if (!cons(i)) break; i++; }
        i++;
      }
    }
    function vowelInStem() { for (var i = k0; i <= j; i++) if (!cons(i)) return true; return false; }
    function doubleC(x) { if (x < k0 + 1) return false; if (b[x] !== b[x - 1]) return false; return cons(x); }
    function cvc(i) {
      if (i < k0 + 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) return false;
      var ch = b[i];
      return !(ch === 'w' || ch === 'x' || ch === 'y');
    }
    function ends(s) {
      var l = s.length, o = k - l + 1;
      if (o < k0) return false;
      for (var i = 0; i < l; i++) if (b[o + i] !== s.charAt(i)) return false;
      j = k - l;
      return true;
    }
    function setTo(s) {
      var l = s.length, o = j + 1;
      for (var i = 0; i < l; i++) b[o + i] = s.charAt(i);
      k = j + l;
    }
    function r(s) { if (m() > 0) setTo(s); }

    // step1: plurals, -ed, -ing
    if (b[k] === 's') {
      if (ends('sses')) k -= 2;
      else if (ends('ies')) setTo('i');
      else if (b[k - 1] !== 's') k--;
    }
    if (ends('eed')) {
      if (m() > 0) k--;
    } else if ((ends('ed') || ends('ing')) && vowelInStem()) {
      k = j;
      if (ends('at')) setTo('ate');
      else if (ends('bl')) setTo('ble');
      else if (ends('iz')) setTo('ize');
      else if (doubleC(k)) {
        var ch = b[k--];
        if (ch === 'l' || ch === 's' || ch === 'z') k++;
      } else if (m() === 1 && cvc(k)) setTo('e');
    }
    // step2: y -> i
    if (ends('y') && vowelInStem()) b[k] = 'i';
    // step3: double suffixes
    if (k !== k0) {
      switch (b[k - 1]) {
        case 'a': if (ends('ational')) { r('ate'); break; } if (ends('tional')) { r('tion'); break; } break;
        case 'c': if (ends('enci')) { r('ence'); break; } if (ends('anci')) { r('ance'); break; } break;
        case 'e': if (ends('izer')) { r('ize'); break; } break;
        case 'l':
          if (ends('bli')) { r('ble'); break; } if (ends('alli')) { r('al'); break; } if (ends('entli')) { r('ent'); break; }
          if (ends('eli')) { r('e'); break; } if (ends('ousli')) { r('ous'); break; } break;
        case 'o': if (ends('ization')) { r('ize'); break; } if (ends('ation')) { r('ate'); break; } if (ends('ator')) { r('ate'); break; } break;
        case 's':
          if (ends('alism')) { r('al'); break; } if (ends('iveness')) { r('ive'); break; } if (ends('fulness')) { r('ful'); break; }
          if (ends('ousness')) { r('ous'); break; } break;
        case 't': if (ends('aliti')) { r('al'); break; } if (ends('iviti')) { r('ive'); break; } if (ends('biliti')) { r('ble'); break; } break;
        case 'g': if (ends('logi')) { r('log'); break; } break;
      }
    }
    // step4: -ic-, -full, -ness
    switch (b[k]) {
      case 'e': if (ends('icate')) { r('ic'); break; } if (ends('ative')) { r(''); break; } if (ends('alize')) { r('al'); break; } break;
      case 'i': if (ends('iciti')) { r('ic'); break; } break;
      case 'l': if (ends('ical')) { r('ic'); break; } if (ends('ful')) { r(''); break; } break;
      case 's': if (ends('ness')) { r(''); break; } break;
    }
    // step5: -ant, -ence, ...
    step5: if (k !== k0) {
      switch (b[k - 1]) {
        case 'a': if (ends('al')) break; break step5;
        case 'c': if (ends('ance')) break; if (ends('ence')) break; break step5;
        case 'e': if (ends('er')) break; break step5;
        case 'i': if (ends('ic')) break; break step5;
        case 'l': if (ends('able')) break; if (ends('ible')) break; break step5;
        case 'n': if (ends('ant')) break; if (ends('ement')) break; if (ends('ment')) break; if (ends('ent')) break; break step5;
        case 'o': if (ends('ion') && j >= 0 && (b[j] === 's' || b[j] === 't')) break; if (ends('ou')) break; break step5;
        case 's': if (ends('ism')) break; break step5;
        case 't': if (ends('ate')) break; if (ends('iti')) break; break step5;
        case 'u': if (ends('ous')) break; break step5;
        case 'v': if (ends('ive')) break; break step5;
        case 'z': if (ends('ize')) break; break step5;
        default: break step5;
      }
      if (m() > 1) k = j;
    }
    // step6: final -e, -ll
    j = k;
    if (b[k] === 'e') {
      var a = m();
      if (a > 1 || (a === 1 && !cvc(k - 1))) k--;
    }
    if (b[k] === 'l' && doubleC(k) && m() > 1) k--;
    return b.slice(0, k + 1).join('');
  }

  /** The analyzed form of one token, or null for a stop word. */
  function termOf(token) {
    var word = lowerCase(dropPossessive(token));
    if (word.length === 0 || STOP_WORDS.has(word)) return null;
    return stem(word);
  }

  /** Analyzes text as EnglishAnalyzer does: [{ term, start, end }]. */
  function analyze(text) {
    var out = [];
    var tokens = tokenize(text);
    for (var i = 0; i < tokens.length; i++) {
      var term = termOf(tokens[i].text);
      if (term !== null) out.push({ term: term, start: tokens[i].start, end: tokens[i].end });
    }
    return out;
  }

  /** The distinct terms of a query, in order of first appearance. */
  function queryTerms(text) {
    var seen = [];
    analyze(text).forEach(function (t) { if (seen.indexOf(t.term) < 0) seen.push(t.term); });
    return seen;
  }

  var analysis = {
    tokenize: tokenize, analyze: analyze, queryTerms: queryTerms, stem: stem, lowerCase: lowerCase,
    dropPossessive: dropPossessive, stopWords: STOP_WORDS,
  };

  if (typeof document === 'undefined') {
    if (typeof module !== 'undefined') module.exports = analysis;
    return;
  }

  // ---------------------------------------------------------------- BM25, as Lucene computes it

  var fround = Math.fround;
  var K1 = fround(1.2), B = fround(0.75);
  var NORM_TABLE = (function () {
    var table = new Array(256);
    var view = new DataView(new ArrayBuffer(4));
    for (var i = 0; i < 256; i++) {
      var f = 0;
      if (i !== 0) {
        view.setInt32(0, (i << 21) + ((63 - 15) << 24));
        f = view.getFloat32(0);
      }
      table[i] = fround(1 / fround(f * f));
    }
    return table;
  })();

  function lengthCache(sumTotalTermFreq, docs) {
    var avgdl = sumTotalTermFreq <= 0 ? 1 : fround(sumTotalTermFreq / docs);
    var cache = new Float64Array(256);
    var oneMinusB = fround(1 - B);
    for (var i = 0; i < 256; i++) {
      cache[i] = fround(K1 * fround(oneMinusB + fround(fround(B * NORM_TABLE[i]) / avgdl)));
    }
    return cache;
  }

  function idf(docFreq, docs) { return fround(Math.log(1 + (docs - docFreq + 0.5) / (docFreq + 0.5))); }

  // ---------------------------------------------------------------- the static index

  function Reader(bytes) { this.bytes = bytes; this.pos = 0; }
  Reader.prototype.varint = function () {
    var result = 0, shift = 0, b;
    do { b = this.bytes[this.pos++]; result += (b & 0x7F) * Math.pow(2, shift); shift += 7; } while (b & 0x80);
    return result;
  };
  Reader.prototype.byte = function () { return this.bytes[this.pos++]; };

  var utf8 = new TextDecoder();

  function Index(base) {
    this.base = base;
    this.bytesFetched = 0;
    this.files = new Map();
    this.manifest = null;
    this.shards = new Map();
    this.blocks = new Map();
    this.docChunks = new Map();
    this.displayMaps = new Map();
    this.groups = new Map();
  }

  Index.prototype.fetch = function (path, kind) {
    var self = this;
    if (!this.files.has(path)) {
      this.files.set(path, fetch(this.base + path).then(function (response) {
        if (!response.ok) throw new Error('search index: ' + path + ' ' + response.status);
        return kind === 'json' ? response.text().then(function (t) { self.bytesFetched += t.length; return JSON.parse(t); })
          : response.arrayBuffer().then(function (buffer) { self.bytesFetched += buffer.byteLength; return new Uint8Array(buffer); });
      }));
    }
    return this.files.get(path);
  };

  Index.prototype.open = function () {
    var self = this;
    if (!this.opening) {
      this.opening = this.fetch('manifest.json', 'json').then(function (m) {
        self.manifest = m;
        self.weights = m.fields.map(function (f) { return { boost: fround(f.boost), cache: lengthCache(f.sumTotalTermFreq, m.docs) }; });
        self.k1PlusOne = fround(K1 + 1);
        return self;
      });
    }
    return this.opening;
  };

  /** The facet values and their counts: needed for filters and facet counts, not to show results. */
  Index.prototype.loadFacets = function () {
    var self = this;
    if (!this.facetsLoading) {
      this.facetsLoading = this.fetch('facets.json', 'json').then(function (facets) { self.facets = facets; return facets; });
    }
    return this.facetsLoading;
  };

  /** The last item of a sorted list of separators that is not after a term. */
  function lastNotAfter(separators, term) {
    var lo = 0, hi = separators.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (separators[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The shard that holds a term: the last whose separator (a prefix of its first term) is not after it,
   * found in its group's separators, the group being the last whose first separator is not after it.
   */
  Index.prototype.shardOf = function (term) {
    var self = this, g = lastNotAfter(this.manifest.groups, term);
    if (!this.groups.has(g)) this.groups.set(g, this.fetch('term-groups/' + g + '.json', 'json'));
    return this.groups.get(g).then(function (separators) { return g * self.manifest.shardGroup + lastNotAfter(separators, term); });
  };

  Index.prototype.loadShard = function (n) {
    var self = this;
    if (!this.shards.has(n)) {
      this.shards.set(n, this.fetch('terms/' + n + '.bin').then(function (bytes) { return self.parseShard(n, bytes); }));
    }
    return this.shards.get(n);
  };

  Index.prototype.parseShard = function (n, bytes) {
    var r = new Reader(bytes), count = r.varint(), terms = [], previous = '', fields = this.manifest.fields.length;
    for (var t = 0; t < count; t++) {
      var shared = r.varint(), length = r.varint();
      var text = previous.slice(0, shared) + utf8.decode(bytes.subarray(r.pos, r.pos + length));
      r.pos += length;
      previous = text;
      if (text.indexOf(' ') >= 0) {
        terms.push(this.parsePair(r, text, n));
        continue;
      }
      var df = [];
      for (var f = 0; f < fields; f++) df.push(r.varint());
      var total = r.varint(), blockCount = r.varint(), blocks = [];
      for (var j = 0; j < blockCount; j++) blocks.push({ pack: r.varint(), offset: r.varint() });
      var summaryPack = r.varint(), summary = summaryPack === 0 ? null : { pack: summaryPack - 1, offset: r.varint() };
      // A term without blocks has all its postings inline.
      var inline = this.readEntries(r, blockCount === 0 ? total : this.manifest.inline, df);
      terms.push({ term: text, shard: n, df: df, total: total, blockCount: blockCount, blocks: blocks, summary: summary, inline: inline });
    }
    var byTerm = new Map();
    terms.forEach(function (e) { byTerm.set(e.term, e); });
    return { terms: terms, byTerm: byTerm };
  };

  /**
   * A pair's record (see TermPairs.RankedPair.Record): the post-mortems with either term, the postings listed, the blocks,
   * then the inline postings' bytes, decoded once the query has both terms' entries (see pair).
   */
  Index.prototype.parsePair = function (r, text, n) {
    var matches = r.varint(), total = r.varint(), blockCount = r.varint(), blocks = [];
    for (var j = 0; j < blockCount; j++) blocks.push({ pack: r.varint(), offset: r.varint() });
    var length = r.varint(), inlineBytes = r.bytes.subarray(r.pos, r.pos + length);
    r.pos += length;
    return { term: text, pair: true, shard: n, matches: matches, total: total, blockCount: blockCount, blocks: blocks, inlineBytes: inlineBytes, inline: null };
  };

  /**
   * The list of two query terms' entries, when the index has one: { entry, first, second } (the terms' entries, in the
   * pair's order). A pair follows its first term in that term's shard (see BrowserIndex.WriteTerms): finding it or not
   * fetches nothing, unless the term's pairs fill the shard and run on into the next.
   */
  Index.prototype.pair = function (x, y) {
    var self = this, first = x.term < y.term ? x : y, second = first === x ? y : x, key = first.term + ' ' + second.term;
    return this.loadShard(first.shard).then(function (shard) {
      var last = shard.terms[shard.terms.length - 1].term;
      return shard.byTerm.get(key) || (last.startsWith(first.term + ' ') && last < key ? self.lookup(key) : null);
    }).then(function (entry) {
      if (!entry) return null;
      if (!entry.inline) {
        entry.weights = [self.termWeights(first.df), self.termWeights(second.df)];
        entry.inline = self.readPairEntries(new Reader(entry.inlineBytes), entry.blockCount === 0 ? entry.total : self.manifest.inline, entry.weights);
      }
      return { entry: entry, first: first, second: second };
    });
  };

  Index.prototype.termWeights = function (df) {
    var docs = this.manifest.docs, k1PlusOne = this.k1PlusOne;
    return this.weights.map(function (w, f) {
      return df[f] === 0 ? 0 : fround(fround(idf(df[f], docs) * w.boost) * k1PlusOne);
    });
  };

  /**
   * Reads postings and scores each: the sum over fields of weight·tf / (tf + k1·(1 − b + b·dl/avgdl)). They come in runs
   * alike (see BrowserIndex.WriteEntries): a header byte (the run's length − 1 in its top three bits, 7 for 8 or more with
   * the rest as a varint, over the fields' mask), each field's frequency and norm, the first document, then gaps.
   */
  Index.prototype.readEntries = function (r, count, df) {
    var weights = this.termWeights(df), caches = this.weights, out = new Array(count);
    for (var i = 0; i < count;) {
      var header = r.byte(), mask = header & 0x1F, length = (header >> 5) + 1, score = 0;
      if (length === 8) length += r.varint();
      for (var f = 0; (1 << f) <= mask; f++) {
        if (mask & (1 << f)) {
          var tf = r.varint(), norm = r.byte();
          score += fround(fround(weights[f] * tf) / fround(tf + caches[f].cache[norm]));
        }
      }
      for (var doc = 0, n = 0; n < length; n++) {
        doc = n === 0 ? r.varint() : doc + r.varint();
        out[i++] = { doc: doc, score: score };
      }
    }
    return out;
  };

  /**
   * Reads a pair's postings (see TermPairs.RankedPair.WriteEntries), each term scored apart: runs alike, a varint header
   * (the run's length − 1 from bit 10, 7 for 8 or more with the rest as a varint, over the second term's fields' mask
   * from bit 5, over the first's), for each field either term is in the first's frequency, the second's and the norm;
   * then the first document and gaps. A document's score is the two terms' scores summed, as the list is ordered.
   */
  Index.prototype.readPairEntries = function (r, count, weights) {
    var caches = this.weights, out = new Array(count);
    for (var i = 0; i < count;) {
      var header = r.varint(), maskA = header & 0x1F, maskB = (header >> 5) & 0x1F, length = (header >> 10) + 1, a = 0, b = 0;
      if (length === 8) length += r.varint();
      for (var f = 0; (1 << f) <= (maskA | maskB); f++) {
        if (!((maskA | maskB) & (1 << f))) continue;
        var tfA = maskA & (1 << f) ? r.varint() : 0, tfB = maskB & (1 << f) ? r.varint() : 0, lengthFactor = caches[f].cache[r.byte()];
        if (tfA > 0) a += fround(fround(weights[0][f] * tfA) / fround(tfA + lengthFactor));
        if (tfB > 0) b += fround(fround(weights[1][f] * tfB) / fround(tfB + lengthFactor));
      }
      for (var doc = 0, n = 0; n < length; n++) {
        doc = n === 0 ? r.varint() : doc + r.varint();
        out[i++] = { doc: doc, score: a + b, scores: [a, b] };
      }
    }
    return out;
  };

  Index.prototype.lookup = function (term) {
    var self = this;
    return this.shardOf(term).then(function (n) { return self.loadShard(n); }).then(function (shard) { return shard.byTerm.get(term) || null; });
  };

  /** Terms that start with a prefix, or that a longer typed word may stem to ("leaki" → "leak"). */
  Index.prototype.expand = function (prefix, limit) {
    var self = this;
    return Promise.all([this.shardOf(prefix.slice(0, Math.max(3, prefix.length - 4))), this.shardOf(prefix + '\uffff')]).then(function (range) {
      var loads = [];
      for (var n = range[0]; n <= Math.min(range[1], range[0] + 3); n++) loads.push(self.loadShard(n));
      return Promise.all(loads);
    }).then(function (shards) {
      var found = [];
      shards.forEach(function (shard) {
        shard.terms.forEach(function (e) {
          var t = e.term;
          if (e.pair) return;
          if (t.startsWith(prefix) || (prefix.startsWith(t) && t.length >= Math.max(3, prefix.length - 4))) found.push(e);
        });
      });
      found.sort(function (a, b) { return b.total - a.total || (a.term < b.term ? -1 : 1); });
      return found.slice(0, limit);
    });
  };

  /** A block of postings: it starts at its offset in a pack with its number of postings. */
  Index.prototype.block = function (entry, j) {
    var self = this, key = entry.term + '\u0000' + j;
    if (!this.blocks.has(key)) {
      var at = entry.blocks[j];
      this.blocks.set(key, this.fetch('postings/' + at.pack + '.bin').then(function (bytes) {
        var r = new Reader(bytes);
        r.pos = at.offset;
        return entry.pair ? self.readPairEntries(r, r.varint(), entry.weights) : self.readEntries(r, r.varint(), entry.df);
      }));
    }
    return this.blocks.get(key);
  };

  /**
   * A term's facet summary: for each facet kind, how many of the term's post-mortems carry each value (an array
   * indexed as facets.json lists the values). Needs the facets loaded.
   */
  Index.prototype.summary = function (entry) {
    var self = this, at = entry.summary;
    return this.fetch('facet-counts/' + at.pack + '.bin').then(function (bytes) {
      var r = new Reader(bytes), out = {};
      r.pos = at.offset;
      FACETS.forEach(function (kind) {
        // 2n + 1 then a bitmap of the n values carried, or 2n then each one's gap from the previous; then their counts.
        var size = self.facets[kind].length, counts = new Array(size).fill(0), header = r.varint(), carried = [], v;
        if (header % 2 === 1) {
          for (var start = 0; start < size; start += 8) {
            var bits = r.byte();
            for (v = start; v < Math.min(start + 8, size); v++) if (bits & (1 << (v - start))) carried.push(v);
          }
        } else {
          for (var n = header / 2, previous = -1; n > 0; n--) { previous += 1 + r.varint(); carried.push(previous); }
        }
        carried.forEach(function (value) { counts[value] = r.varint(); });
        out[kind] = counts;
      });
      return out;
    });
  };

  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  /** Cuts text at a word boundary, adding an ellipsis, as the pages' excerpts do. */
  function excerpt(text, max) {
    if (text.length <= max) return text;
    var cut = text.lastIndexOf(' ', max);
    return text.slice(0, cut > max / 2 ? cut : max).replace(/[,;:. ]+$/, '') + '\u2026';
  }

  /** The display pack of each document of a range. */
  Index.prototype.displayMap = function (c) {
    var self = this;
    if (!this.displayMaps.has(c)) {
      this.displayMaps.set(c, this.fetch('display-map/' + c + '.bin').then(function (bytes) {
        var r = new Reader(bytes), out = [];
        while (r.pos < bytes.length) out.push(r.varint());
        return out;
      }));
    }
    return this.displayMaps.get(c);
  };

  /**
   * A result's display data, from the display pack the display map names: the record
   * [id, title, date (yyyy-MM-dd, a year or null), severity, services, summary length, text, url if not derived].
   */
  Index.prototype.doc = function (n) {
    var self = this, size = this.manifest.displayMapChunk;
    return this.displayMap(Math.floor(n / size)).then(function (packs) {
      return self.fetch('display/' + packs[n % size] + '.json', 'json');
    }).then(function (pack) {
      var d = pack[n], date = d[2], text = d[6];
      var day = typeof date === 'string' ? date.split('-') : null;
      return {
        id: d[0], title: d[1], severity: d[3], services: d[4], text: text,
        url: d.length > 7 ? d[7] : self.manifest.basePath + 'incidents/' + d[0].toLowerCase() + '/',
        date: day ? date : null,
        dateDisplay: day ? Number(day[2]) + ' ' + MONTHS[Number(day[1]) - 1] + ' ' + day[0] : date === null ? 'date unknown' : String(date),
        summary: d[5] > 0 ? excerpt(text.slice(0, d[5]), 280) : null,
      };
    });
  };

  /** Each document of a range: its facet values [severity, year, services[], tags[]] as value indexes. */
  Index.prototype.docChunk = function (c) {
    var self = this;
    if (!this.docChunks.has(c)) {
      this.docChunks.set(c, this.fetch('docs/' + c + '.bin').then(function (bytes) {
        var r = new Reader(bytes), out = [];
        var first = c * self.manifest.docChunk, count = Math.min(self.manifest.docChunk, self.manifest.docs - first);
        for (var i = 0; i < count; i++) {
          var severity = r.varint() - 1, year = r.varint() - 1, services = [], tags = [], n;
          for (n = r.varint(); n > 0; n--) services.push(r.varint());
          for (n = r.varint(); n > 0; n--) tags.push(r.varint());
          out.push({ severity: severity, year: year, service: services, tag: tags });
        }
        return out;
      }));
    }
    return this.docChunks.get(c);
  };

  Index.prototype.facetsOf = function (docs) {
    var self = this, size = this.manifest.docChunk, chunks = new Set();
    docs.forEach(function (d) { chunks.add(Math.floor(d / size)); });
    var list = Array.from(chunks);
    return Promise.all(list.map(function (c) { return self.docChunk(c); })).then(function (loaded) {
      var byChunk = new Map();
      list.forEach(function (c, i) { byChunk.set(c, loaded[i]); });
      return function (doc) { return byChunk.get(Math.floor(doc / size))[doc % size]; };
    });
  };

  // ---------------------------------------------------------------- ranking

  var FACETS = ['severity', 'service', 'tag', 'year'];

  /** Filters as value indexes into facets.json; null when a filter names no known value (nothing can match). */
  function compileFilters(index, filters) {
    var out = {};
    for (var i = 0; i < FACETS.length; i++) {
      var kind = FACETS[i], wanted = filters[kind];
      if (!wanted) continue;
      var values = index.facets[kind], found = -1;
      for (var v = 0; v < values.length; v++) {
        if (values[v][0].toLowerCase() === String(wanted).trim().toLowerCase()) { found = v; break; }
      }
      if (found < 0) return null;
      out[kind] = found;
    }
    return out;
  }

  function passes(facets, compiled, except) {
    for (var kind in compiled) {
      if (kind === except) continue;
      var value = compiled[kind], own = facets[kind];
      if (Array.isArray(own) ? own.indexOf(value) < 0 : own !== value) return false;
    }
    return true;
  }

  function before(a, b) {
    var fa = fround(a.lower), fb = fround(b.lower);
    return fa !== fb ? fb - fa : a.doc - b.doc;
  }

  /**
   * The top k documents for a set of term entries, exactly as Lucene ranks them: by single-precision
   * score, ties by document number. Postings are best first, so the walk stops as soon as no posting
   * still unread could enter or reorder the top k (each list's last score read bounds what follows).
   * Pairs ({ entry, first, second }: two terms' indexes, no term in two pairs) are read as further lists: a document a
   * pair lists has both terms' scores known at once, and what a document no pair's list has shown yet may still score on
   * the pair's two terms is bounded by the pair's last score as well as by the two terms' own.
   */
  function rank(index, entries, pairs, compiled, k) {
    var lists = entries.map(function (e, t) { return { entry: e, terms: 1 << t, items: e.inline.slice(), pos: 0, blocks: 0 }; })
      .concat(pairs.map(function (p) {
        return { entry: p.entry, terms: (1 << p.first) | (1 << p.second), first: p.first, second: p.second, items: p.entry.inline.slice(), pos: 0, blocks: 0 };
      }));
    var seen = new Map();
    var hasFilter = Object.keys(compiled).length > 0;
    var paired = 0;
    pairs.forEach(function (p) { paired |= (1 << p.first) | (1 << p.second); });

    // A pair lists only its best postings: past them, its last score still bounds every post-mortem it leaves out.
    function frontier(l) {
      if (l.pos >= l.entry.total) return l.entry.pair && l.entry.matches > l.entry.total ? l.items[l.pos - 1].score : 0;
      return l.pos === 0 ? Infinity : l.items[l.pos - 1].score;
    }

    // A term's score in a document counts once, from whichever list shows it first.
    function know(s, t, score) {
      if (s.known & (1 << t)) return;
      s.known |= 1 << t;
      s.scores[t] = score;
      s.lower += score;
    }

    /**
     * The most a document may still score on the terms it is not known for: each term's last score, except that on a
     * pair's terms a document the pair has not listed scores at most the pair's last score, less what it is known for.
     */
    function still(s, bounds) {
      var more = 0;
      entries.forEach(function (_, t) { if (!(paired & (1 << t)) && !(s.known & (1 << t))) more += bounds[t]; });
      pairs.forEach(function (p, i) {
        var unknown = ((1 << p.first) | (1 << p.second)) & ~s.known;
        if (unknown === 0) return;
        var terms = 0, pair = bounds[entries.length + i];
        [p.first, p.second].forEach(function (t) { if (unknown & (1 << t)) terms += bounds[t]; else pair -= s.scores[t]; });
        more += Math.min(terms, pair);
      });
      return more;
    }

    // The lists (a bit each) whose further postings can lower what a document may still score.
    function open(s) {
      var mask = 0;
      lists.forEach(function (l, i) { if (l.terms & ~s.known) mask |= 1 << i; });
      return mask;
    }

    function step() {
      lists.forEach(function (l, i) {
        for (; l.pos < l.items.length; l.pos++) {
          var item = l.items[l.pos], s = seen.get(item.doc);
          if (!s) { s = { doc: item.doc, lower: 0, known: 0, scores: new Array(entries.length) }; seen.set(item.doc, s); }
          if (i < entries.length) know(s, i, item.score);
          else { know(s, l.first, item.scores[0]); know(s, l.second, item.scores[1]); }
        }
      });
      var docs = Array.from(seen.keys());
      return (hasFilter ? index.facetsOf(docs) : Promise.resolve(null)).then(function (facetsOf) {
        var bounds = lists.map(frontier);
        var unseen = still({ known: 0 }, bounds);
        var candidates = [];
        seen.forEach(function (s) {
          if (facetsOf && !passes(facetsOf(s.doc), compiled)) return;
          s.upper = s.lower + still(s, bounds);
          candidates.push(s);
        });
        candidates.sort(before);
        var top = candidates.slice(0, k);
        var wanted = unsettled(top, candidates, unseen);
        if (wanted === 0) return top;
        // The next block is from the list, among those that can settle what is not yet settled, whose last score is highest.
        var next = null;
        [wanted, all].some(function (mask) {
          lists.forEach(function (l, t) {
            if ((mask & (1 << t)) && l.pos < l.entry.total && l.blocks < l.entry.blockCount && (next === null || bounds[t] > bounds[next])) next = t;
          });
          return next !== null;
        });
        if (next === null) return top;
        var list = lists[next];
        return index.block(list.entry, list.blocks++).then(function (items) {
          list.items = list.items.concat(items);
          return step();
        });
      });
    }

    var all = (1 << lists.length) - 1;

    /**
     * 0 when the top k and their order are settled; else the lists (a bit each) whose further postings can settle them:
     * those that can lower the upper bound of a document that might still overtake, or all lists.
     * Every such document counts, not only the first: a list that settles most of them (the one with the highest last
     * score) is then read before one only the closest needs, which can find documents that end the walk sooner.
     */
    function unsettled(top, candidates, unseen) {
      if (unseen === 0 && candidates.every(function (c) { return c.upper === c.lower; })) return 0;
      if (top.length < k) return all;
      var kth = top[top.length - 1], kthF = fround(kth.lower), needed = 0;
      // A document no list has shown yet scores at most what still() allows a document known for no term. With one list,
      // those of the kth's score come after it.
      if (unseen > 0 && !(fround(unseen) < kthF || (lists.length === 1 && unseen === kth.lower))) return all;
      for (var i = top.length; i < candidates.length; i++) {
        var c = candidates[i];
        if (c.upper === c.lower) continue;
        var cu = fround(c.upper);
        if (!(cu < kthF || (cu === kthF && c.doc > kth.doc))) needed |= open(c) | open(kth);
      }
      for (var a = 0; a < top.length; a++) {
        for (var b = a + 1; b < top.length; b++) {
          var x = top[a], y = top[b];
          if (x.upper === x.lower && y.upper === y.lower) continue;
          var yu = fround(y.upper), xl = fround(x.lower);
          if (!(yu < xl || (yu === xl && y.doc > x.doc))) needed |= open(y) | open(x);
        }
      }
      return needed;
    }

    return step();
  }

  /** Disjoint pairs of the query's terms that have a list, those of the most postings first (they save the most reading). */
  function choosePairs(index, entries) {
    var lookups = [];
    entries.forEach(function (x, i) {
      entries.forEach(function (y, j) {
        if (i >= j) return;
        lookups.push(index.pair(x, y).then(function (p) {
          return p && { entry: p.entry, first: entries.indexOf(p.first), second: entries.indexOf(p.second), postings: x.total + y.total };
        }));
      });
    });
    return Promise.all(lookups).then(function (found) {
      var chosen = [], used = 0;
      found.filter(Boolean).sort(function (a, b) { return b.postings - a.postings || a.first - b.first || a.second - b.second; }).forEach(function (p) {
        var terms = (1 << p.first) | (1 << p.second);
        if (used & terms) return;
        used |= terms;
        chosen.push(p);
      });
      return chosen;
    });
  }

  /** Every matching document (all postings read): for result counts and facet counts. */
  function allMatches(index, entries) {
    return Promise.all(entries.map(function (e) {
      var loads = [];
      for (var j = 0; j < e.blockCount; j++) loads.push(index.block(e, j));
      return Promise.all(loads).then(function (blocks) { return e.inline.concat.apply(e.inline, blocks); });
    })).then(function (lists) {
      var docs = new Set();
      lists.forEach(function (items) { items.forEach(function (i) { docs.add(i.doc); }); });
      return Array.from(docs).sort(function (a, b) { return a - b; });
    });
  }

  /**
   * Runs a query: { text, prefix (expand the last word as typed), filters, k }.
   * Resolves to { terms, highlight, top: [{ doc, lower, upper }], entries, pairs (those read, when the query ranks) }.
   */
  function search(index, request) {
    var filters = request.filters || {};
    return index.open().then(function () {
      return Object.keys(filters).length > 0 ? index.loadFacets() : null;
    }).then(function () {
      var compiled = compileFilters(index, filters);
      var analyzed = analyze(request.text);
      var terms = [];
      analyzed.forEach(function (t) { if (terms.indexOf(t.term) < 0) terms.push(t.term); });
      var lookups = terms.map(function (t) { return index.lookup(t); });
      var expansion = Promise.resolve([]);
      if (request.prefix) {
        var words = tokenize(request.text);
        var last = words.length > 0 ? words[words.length - 1] : null;
        if (last && last.end === request.text.length) {
          var typed = lowerCase(dropPossessive(last.text));
          if (typed.length >= 2) expansion = index.expand(typed, 8);
        }
      }
      return Promise.all([Promise.all(lookups), expansion]).then(function (found) {
        var entries = found[0].filter(Boolean);
        found[1].forEach(function (e) { if (entries.indexOf(e) < 0 && terms.indexOf(e.term) < 0) entries.push(e); });
        var highlight = new Set(terms.concat(entries.map(function (e) { return e.term; })));
        var result = { terms: terms, entries: entries, highlight: highlight, compiled: compiled };
        if (compiled === null) { result.top = []; return result; }
        if (entries.length === 0) {
          if (terms.length > 0 || Object.keys(compiled).length === 0) { result.top = []; return result; }
          return filteredOnly(index, compiled, request.k).then(function (top) { result.top = top; return result; });
        }
        // Pairs among the query's own terms, not among the words a typed prefix may complete to.
        return choosePairs(index, found[0].filter(Boolean)).then(function (pairs) {
          result.pairs = pairs;
          return rank(index, entries, pairs, compiled, request.k);
        }).then(function (top) { result.top = top; return result; });
      });
    });
  }

  /** No query, only filters: the matching post-mortems, newest first. */
  function filteredOnly(index, compiled, k) {
    var all = [];
    for (var d = 0; d < index.manifest.docs; d++) all.push(d);
    return index.facetsOf(all).then(function (facetsOf) {
      return all.filter(function (d) { return passes(facetsOf(d), compiled); }).slice(0, k)
        .map(function (d) { return { doc: d, lower: 0, upper: 0 }; });
    });
  }

  // Counting by reading every match is done at once only while it costs at most this many index files.
  Index.prototype.countFiles = 4;

  /**
   * Counts of matches per facet value, for each facet with the other facets' filters applied, and the number of matches:
   * { counts: { kind: [n per value] or null where not counted }, total (or null), exact (every kind counted) }.
   * Counts are never estimated. A one-term query's counts come from its facet summary, one small fetch, where the summary
   * determines them: every facet without filters, and with a filter on one facet that facet's counts and the total.
   * Other counts need every match read with its facet values, which grows with the post-mortems: that is done at once
   * only when it costs at most index.countFiles files, else when the reader asks (all).
   */
  function facetCounts(index, result, all) {
    return index.loadFacets().then(function () {
      var compiled = result.compiled || {}, filtered = Object.keys(compiled);
      var entry = !all && result.entries.length === 1 && result.entries[0].summary ? result.entries[0] : null;
      var cheap = all || result.entries.length === 0 || countingCost(index, result.entries) <= index.countFiles;
      if (cheap && !(entry && filtered.length === 0)) return exactCounts(index, result);
      var none = { counts: {}, total: null, exact: false };
      FACETS.forEach(function (kind) { none.counts[kind] = null; });
      if (!entry || filtered.length > 1) return none;
      return index.summary(entry).then(function (summary) {
        var out = { counts: {}, total: filtered.length === 0 ? entry.total : summary[filtered[0]][compiled[filtered[0]]], exact: true };
        FACETS.forEach(function (kind) {
          var counted = filtered.length === 0 || filtered[0] === kind;
          out.counts[kind] = counted ? summary[kind] : null;
          out.exact = out.exact && counted;
        });
        return out;
      });
    });
  }

  /**
   * The index files not yet fetched that reading every match of these terms with their facet values would fetch, at
   * most: once the reader has asked for a query's counts, counting it again (more results, a filter) costs nothing.
   */
  function countingCost(index, entries) {
    var packs = new Set(), chunks = new Set(), postings = 0, size = index.manifest.docChunk;
    function missing(c) { return !index.files.has('docs/' + c + '.bin'); }
    entries.forEach(function (e) {
      e.blocks.forEach(function (b) { if (!index.files.has('postings/' + b.pack + '.bin')) packs.add(b.pack); });
      postings += e.total;
      if (e.blockCount === 0) e.inline.forEach(function (i) { if (missing(Math.floor(i.doc / size))) chunks.add(Math.floor(i.doc / size)); });
    });
    if (entries.some(function (e) { return e.blockCount > 0; })) {
      var missingChunks = 0;
      for (var c = 0; c * size < index.manifest.docs; c++) if (missing(c)) missingChunks++;
      return packs.size + Math.min(missingChunks, postings);
    }
    return packs.size + chunks.size;
  }

  /** Exact counts of everything, from every match and its facet values. */
  function exactCounts(index, result) {
    var docsPromise = result.entries.length > 0 ? allMatches(index, result.entries)
      : Promise.resolve(result.terms.length > 0 ? [] : Array.from({ length: index.manifest.docs }, function (_, i) { return i; }));
    return Promise.all([docsPromise, index.loadFacets()]).then(function (loaded) {
      var docs = loaded[0];
      return index.facetsOf(docs).then(function (facetsOf) {
        var counts = {}, total = 0;
        FACETS.forEach(function (kind) { counts[kind] = new Array(index.facets[kind].length).fill(0); });
        docs.forEach(function (d) {
          var f = facetsOf(d);
          if (passes(f, result.compiled || {})) total++;
          FACETS.forEach(function (kind) {
            if (!passes(f, result.compiled || {}, kind)) return;
            var own = f[kind];
            (Array.isArray(own) ? own : own >= 0 ? [own] : []).forEach(function (v) { counts[kind][v]++; });
          });
        });
        return { counts: counts, total: total, exact: true };
      });
    });
  }

  // ---------------------------------------------------------------- page

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /** Text with every word whose analyzed form is a query term wrapped in <mark>. */
  function highlight(text, terms) {
    var out = '', at = 0;
    analyze(text).forEach(function (t) {
      if (!terms.has(t.term)) return;
      out += escapeHtml(text.slice(at, t.start)) + '<mark>' + escapeHtml(text.slice(t.start, t.end)) + '</mark>';
      at = t.end;
    });
    return out + escapeHtml(text.slice(at));
  }

  /** The part of a result's text with the most query words, about 220 characters, highlighted. */
  function snippet(doc, terms) {
    var text = doc.text || doc.summary || '';
    var hits = analyze(text).filter(function (t) { return terms.has(t.term); });
    if (hits.length === 0) return doc.summary ? highlight(doc.summary, terms) : '';
    var width = 220, best = 0, bestCount = 0;
    for (var i = 0; i < hits.length; i++) {
      var count = 0;
      for (var j = i; j < hits.length && hits[j].end - hits[i].start <= width; j++) count++;
      if (count > bestCount) { bestCount = count; best = i; }
    }
    var start = Math.max(0, hits[best].start - 60);
    var space = text.lastIndexOf(' ', start);
    start = start === 0 ? 0 : (space > start - 30 && space >= 0 ? space + 1 : start);
    var end = Math.min(text.length, start + width);
    var endSpace = text.indexOf(' ', end);
    end = end === text.length ? end : (endSpace >= 0 && endSpace < end + 30 ? endSpace : end);
    return (start > 0 ? '… ' : '') + highlight(text.slice(start, end).replace(/\s+/g, ' '), terms) + (end < text.length ? ' …' : '');
  }

  function scriptBase() {
    var script = document.currentScript || document.querySelector('script[src$="assets/search.js"]');
    return script ? new URL('../search/', script.src).href : '/search/';
  }

  var base = scriptBase();

  function focusSearch(event) {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var box = document.getElementById('search-q') || document.getElementById('site-search-q');
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  }

  function SearchPage(form, input, results, facetsPanel) {
    this.form = form; this.input = input; this.results = results; this.facetsPanel = facetsPanel;
    this.index = new Index(base);
    this.generation = 0;
    this.k = 10;
    var params = new URLSearchParams(location.search);
    this.filters = {};
    var self = this;
    FACETS.forEach(function (kind) { if (params.get(kind)) self.filters[kind] = params.get(kind); });
    input.value = params.get('q') || '';
    window.PmSearch = { page: this, index: this.index, analysis: analysis, search: search, facetCounts: facetCounts, exactCounts: exactCounts };
  }

  SearchPage.prototype.start = function () {
    var self = this, timer = null;
    this.input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.k = 10; self.run(true); }, 60);
    });
    this.form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearTimeout(timer);
      self.k = 10;
      self.run(false);
    });
    this.input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown') {
        var first = self.results.querySelector('.search-hit a');
        if (first) { event.preventDefault(); first.focus(); }
      }
    });
    this.results.addEventListener('keydown', function (event) {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      var links = Array.prototype.slice.call(self.results.querySelectorAll('.search-hit a'));
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      event.preventDefault();
      if (event.key === 'ArrowDown' && at + 1 < links.length) links[at + 1].focus();
      else if (event.key === 'ArrowUp') (at > 0 ? links[at - 1] : self.input).focus();
    });
    this.results.addEventListener('click', function (event) {
      var more = event.target.closest && event.target.closest('.search-more');
      if (more) { self.k += 10; self.run(false); }
    });
    this.facetsPanel.addEventListener('click', function (event) {
      var count = event.target.closest && event.target.closest('.facet-count-all');
      if (count && self.result) { self.showCounts(self.result, true, self.generation); return; }
      var button = event.target.closest && event.target.closest('[data-facet]');
      if (!button) return;
      var kind = button.getAttribute('data-facet'), value = button.getAttribute('data-value');
      if (self.filters[kind] && self.filters[kind].toLowerCase() === value.toLowerCase()) delete self.filters[kind];
      else self.filters[kind] = value;
      self.k = 10;
      self.run(false);
    });
    this.run(false);
  };

  SearchPage.prototype.updateUrl = function () {
    var params = new URLSearchParams();
    var q = this.input.value.trim();
    if (q) params.set('q', q);
    var self = this;
    FACETS.forEach(function (kind) { if (self.filters[kind]) params.set(kind, self.filters[kind]); });
    var query = params.toString();
    history.replaceState(null, '', location.pathname + (query ? '?' + query : ''));
  };

  SearchPage.prototype.run = function (typing) {
    var self = this, generation = ++this.generation, started = performance.now();
    var text = this.input.value;
    this.updateUrl();
    var hasFilters = Object.keys(this.filters).length > 0;
    if (!text.trim() && !hasFilters) {
      this.results.setAttribute('data-state', 'idle');
      this.results.setAttribute('data-query', text);
      this.results.innerHTML = '';
      this.renderFacets(null);
      return Promise.resolve();
    }
    this.results.setAttribute('data-state', 'searching');
    return search(this.index, { text: text, prefix: typing, filters: this.filters, k: this.k }).then(function (result) {
      return Promise.all(result.top.map(function (hit) { return self.index.doc(hit.doc); })).then(function (docs) {
        if (generation !== self.generation) return;
        self.render(result, docs, text);
        self.results.setAttribute('data-ms', String(Math.round(performance.now() - started)));
        self.results.setAttribute('data-query', text);
        self.results.setAttribute('data-state', 'done');
        self.result = result;
        return self.showCounts(result, false, generation);
      });
    }).catch(function (error) {
      if (generation !== self.generation) return;
      self.results.setAttribute('data-state', 'error');
      self.results.innerHTML = '<p class="search-status">Search is unavailable: ' + escapeHtml(error.message) + '</p>';
    });
  };

  SearchPage.prototype.render = function (result, docs, text) {
    var self = this;
    this.facetsPanel.setAttribute('data-state', 'loading');
    if (result.top.length === 0) {
      this.results.innerHTML = '<p class="search-status">No post-mortem matches <strong>' + escapeHtml(text.trim() || 'these filters') + '</strong>.</p>';
      return;
    }
    var html = '<p class="search-status" id="search-status">Top results</p><ol class="search-hits">';
    result.top.forEach(function (hit, i) {
      var doc = docs[i];
      var exact = hit.upper === hit.lower;
      var meta = [];
      if (doc.severity) meta.push('<span class="badge severity sev-rank-' + self.index.manifest.severities.indexOf(doc.severity) + '">' + escapeHtml(doc.severity) + '</span>');
      meta.push(doc.date ? '<time datetime="' + escapeHtml(doc.date) + '">' + escapeHtml(doc.dateDisplay) + '</time>' : escapeHtml(doc.dateDisplay));
      if (doc.services.length) meta.push(escapeHtml(doc.services.join(', ')));
      html += '<li class="search-hit" data-incident-id="' + escapeHtml(doc.id) + '" data-score="' + fround(hit.lower) + '"' +
        (exact ? '' : ' data-score-exact="false"') + '>' +
        '<h2 class="search-hit-title"><a href="' + escapeHtml(doc.url) + '">' + highlight(doc.title, result.highlight) + '</a></h2>' +
        '<p class="search-hit-meta"><span class="search-hit-id">' + escapeHtml(doc.id) + '</span> · ' + meta.join(' · ') + '</p>' +
        '<p class="search-hit-snippet">' + snippet(doc, result.highlight) + '</p></li>';
    });
    html += '</ol>';
    if (result.top.length === this.k) html += '<button type="button" class="search-more">More results</button>';
    this.results.innerHTML = html;
  };

  /** Facet counts and the number of matches: those that are cheap at once, the rest when the reader asks. */
  SearchPage.prototype.showCounts = function (result, all, generation) {
    var self = this;
    this.facetsPanel.setAttribute('data-state', 'loading');
    return facetCounts(this.index, result, all).then(function (counts) {
      if (generation !== self.generation) return;
      self.renderFacets(counts);
      if (counts.total !== null) self.renderCount(counts.total, result.top.length);
      self.facetsPanel.setAttribute('data-state', 'done');
    });
  };

  SearchPage.prototype.renderCount = function (total, shown) {
    var status = this.results.querySelector('#search-status');
    if (status) status.textContent = total === 1 ? '1 post-mortem matches' : total + ' post-mortems match' + (shown < total ? ' · showing the best ' + shown : '');
    var more = this.results.querySelector('.search-more');
    if (more && shown >= total) more.remove();
  };

  SearchPage.prototype.renderFacets = function (counts) {
    if (!counts) { this.facetsPanel.innerHTML = ''; return; }
    var self = this, titles = { severity: 'Severity', service: 'Service', tag: 'Tag', year: 'Year' }, html = '';
    FACETS.forEach(function (kind) {
      var values = self.index.facets[kind], items = '', kindCounts = counts.counts[kind];
      values.forEach(function (v, i) {
        var selected = self.filters[kind] && self.filters[kind].toLowerCase() === v[0].toLowerCase();
        // Where a facet was not counted, only its selected value is listed, so that its filter can be lifted.
        var n = kindCounts ? kindCounts[i] : null;
        if ((n === null || n === 0) && !selected) return;
        items += '<li><button type="button" class="facet-value" data-facet="' + kind + '" data-value="' + escapeHtml(v[0]) + '" aria-pressed="' + (selected ? 'true' : 'false') + '">' +
          escapeHtml(v[0]) + (n === null ? '' : ' <span class="count">' + n + '</span>') + '</button></li>';
      });
      if (items) html += '<section class="facet" data-facet-kind="' + kind + '"><h2>' + titles[kind] + '</h2><ul class="plain">' + items + '</ul></section>';
    });
    if (!counts.exact) {
      html += '<p class="facet-more"><button type="button" class="facet-count-all">Count the matches by ' +
        FACETS.filter(function (kind) { return !counts.counts[kind]; }).map(function (kind) { return titles[kind].toLowerCase(); }).join(', ') +
        '</button></p>';
    }
    this.facetsPanel.innerHTML = html;
  };

  function init() {
    document.addEventListener('keydown', focusSearch);
    var form = document.getElementById('search-form');
    var input = document.getElementById('search-q');
    var results = document.getElementById('search-results');
    var facets = document.getElementById('search-facets');
    if (form && input && results && facets) new SearchPage(form, input, results, facets).start();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
