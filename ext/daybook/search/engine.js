/*
 * daybook's search engine (search/engine.js): reads a query, ranks the pages,
 * cuts the excerpt. Fetched with the index (_static/daybook-search/) when the
 * reader starts a search; search-page.js hands it to Sphinx's search page.
 *
 * A query is read as daybook.search.korean reads a page: Hangul words lose
 * one particle or ending (특강으로 → 특강), Latin words are stemmed with the
 * English Snowball stemmer (Sphinx's, written before this file), numbers
 * lose leading zeros, and "DAY 7", "day7", "7일차" name a day. Words that
 * are one of the names of synonyms.txt, or that a page pairs with another
 * name ("과대적합(Overfitting)"), also search their other names.
 *
 * Ranking (a page's score for each query word, then the page's):
 *  - where the word is: a whole word 1, the start of a word 0.7 (팀 → 팀원),
 *    the end of a Hangul word 0.8 (대회 in 경진대회), inside one 0.5;
 *    never two pieces in different words;
 *  - how often and where on the page: BM25 on the count (k1 1.2, b 0.5 on
 *    the page's length), plus 3 when the word is in the title, 1 in a heading;
 *  - how rare: idf = ln(1 + (N - n + 0.5) / (n + 0.5)), n the pages found under
 *    any of its names and in any of those places;
 *  - another name of the word counts 0.9 (the table) or 0.85 (the pages' pairs);
 *  - two Hangul words the page writes side by side (or as one word) add a quarter.
 * Pages holding every word come first, by score; if none does, the pages
 * holding the most words, by score: a misspelt word does not empty the list.
 */
var DaybookEngine = (() => {
  "use strict";
  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const SIX = new Uint8Array(128);
  for (let value = 0; value < ALPHABET.length; value++) SIX[ALPHABET.charCodeAt(value)] = value;

  // --- reading text, as daybook.search.korean does -------------------------------------
  const HANGUL = /[\uAC00-\uD7A3]/u;
  const WORD = /[\p{L}\p{N}_]+/gu;
  const SCRIPT_RUN = /[\uAC00-\uD7A3]+|[^\uAC00-\uD7A3]+/gu;
  const NUMBER = /^[0-9]+$/;
  const DAY_RES = [
    /(?<![A-Za-z])day[ \t._-]*0*([0-9]{1,4})(?![0-9])/giu,
    /(?<![0-9])0*([0-9]{1,4})[ \t]*일[ \t]*(?:차|째)/gu,
  ];
  const DAY_PREFIX = "#";

  // where a word is found, and what another name of it counts
  const WHOLE = 1;
  const WORD_START = 0.7;
  const WORD_END = 0.8;
  const INSIDE = 0.5;
  const LATIN_START = 0.6;
  const TABLE_NAME = 0.9;
  const PAGE_NAME = 0.85;
  const SIDE_BY_SIDE = 0.25;
  // BM25 and the places of a word
  const K1 = 1.2;
  const B = 0.5;
  const TITLE_BONUS = 3;
  const HEADING_BONUS = 1;
  // a weight code is place * 8 + count level (index.weight_code); the count a level stands for
  const LEVEL_COUNT = [1, 2, 3, 4.5, 7, 11, 17, 25];
  const TITLE = 2;
  const HEADING = 1;
  // a page's length: round(4 * log2(1 + words)) (shards.encode_lengths)
  const LENGTH_STEPS = 4;

  const makeReader = (endings) => {
    const endingSet = new Set(endings);
    // a one-syllable ending only leaves a run of three syllables or more
    const stripEnding = (run) => {
      for (const ending of endings)
        if (ending.length < run.length && run.endsWith(ending) && (ending.length >= 2 || run.length >= 3))
          return run.slice(0, run.length - ending.length);
      return run;
    };
    const words = (text) => {
      text = text.normalize("NFC");
      const found = [];
      const matches = [...text.matchAll(WORD)];
      matches.forEach((match, position) => {
        const runs = match[0].match(SCRIPT_RUN);
        const next = matches[position + 1];
        const blankAfter = next !== undefined && text.slice(match.index + match[0].length, next.index).trim() === "";
        let previousIsOther = false;
        runs.forEach((run, number) => {
          const joinsNext = number === runs.length - 1 && blankAfter;
          const hangul = HANGUL.test(run);
          const attached = hangul && previousIsOther;
          previousIsOther = !hangul;
          if (hangul) {
            if (attached && endingSet.has(run)) return; // the particle of GPU를
            const stem = stripEnding(run);
            found.push({ text: stem, script: "hangul", bare: stem === run, joinsNext });
          } else if (NUMBER.test(run))
            found.push({ text: run.replace(/^0+/, "") || "0", script: "number", bare: false, joinsNext });
          else found.push({ text: run.toLowerCase(), script: "latin", bare: false, joinsNext });
        });
      });
      return found;
    };
    return { words, stripEnding };
  };

  // the days a text names, with where: [start, end, day]
  const daySpans = (text) => {
    const spans = [];
    for (const pattern of DAY_RES)
      for (const match of text.matchAll(pattern)) spans.push([match.index, match.index + match[0].length, Number(match[1])]);
    return spans.sort((a, b) => a[0] - b[0]);
  };

  // --- a term's pages, as shards.encode_postings writes them ------------------------------
  const decodePostings = (code) => {
    const gapK = SIX[code.charCodeAt(0)];
    const codeK = SIX[code.charCodeAt(1)];
    const pages = [];
    const codes = [];
    let page = -1;
    let k = gapK;
    let gap = true;
    let quotient = 0;
    let low = 0;
    let lowBits = -1; // -1 while the one-bits of the quotient are read
    for (let position = 2; position < code.length; position++) {
      const six = SIX[code.charCodeAt(position)];
      for (let shift = 5; shift >= 0; shift--) {
        const bit = (six >> shift) & 1;
        if (lowBits >= 0) {
          low = low * 2 + bit;
          lowBits += 1;
        } else if (bit) quotient += 1;
        else lowBits = 0;
        if (lowBits === k) {
          const value = quotient * 2 ** k + low;
          if (gap) {
            page += value + 1;
            pages.push(page);
          } else codes.push(value);
          gap = !gap;
          k = gap ? gapK : codeK;
          quotient = 0;
          low = 0;
          lowBits = -1;
        }
      }
    }
    // the last one-bits are padding: a gap with no zero-bit after it
    return { pages, codes };
  };

  // --- the engine of one book -------------------------------------------------------------
  const create = (base, stemmer) => {
    const reader = makeReader(base.endings || []);
    const stopwords = new Set(base.stopwords || []);
    const docnames = base.docnames;
    const count = docnames.length;
    const lengths = Array.from(base.lengths || "", (c) => 2 ** (SIX[c.charCodeAt(0)] / LENGTH_STEPS) - 1);
    const averageLength = lengths.reduce((a, b) => a + b, 0) / (lengths.length || 1) || 1;
    const shardCount = base.shards || 1;
    const shards = new Map(); // number -> {w, p}
    const decoded = new Map(); // "w:term" -> postings
    const keys = new Map(); // "n:w" -> the terms of a shard's map

    const stem = (word) => (stemmer ? stemmer.stemWord(word) : word);

    // a text's words as terms: [{term, script, bare, joinsNext, surface}]
    const terms = (text) => {
      const found = [];
      for (const word of reader.words(text)) {
        if (word.script === "latin") {
          if (stopwords.has(word.text)) continue;
          const term = stem(word.text);
          if (term) found.push({ ...word, term, surface: word.text });
        } else found.push({ ...word, term: word.text, surface: word.text });
      }
      return found;
    };

    // other names: key (terms joined by spaces, or Hangul words joined) -> [{terms, hangul, factor, surface}],
    // read at the first query that looks them up: stemming them all takes a while, which the
    // search page spends while its query's own shards come (search-page.js)
    let names = null;
    let longestName = 1;
    const nameOf = (text, factor) => {
      const read = terms(text);
      if (!read.length) return null;
      const hangul = read.every((w) => w.script === "hangul");
      return { terms: read.map((w) => w.term), hangul, factor, surface: text.normalize("NFC").toLowerCase() };
    };
    const keysOf = (name) => {
      const spaced = name.terms.join(" ");
      return name.hangul && name.terms.length > 1 ? [spaced, name.terms.join("")] : [spaced];
    };
    const addNames = (group, factor) => {
      const read = group.map((text) => nameOf(text, factor)).filter((n) => n !== null);
      for (const name of read)
        for (const key of keysOf(name)) {
          if (!names.has(key)) names.set(key, []);
          const list = names.get(key);
          for (const other of read) if (other !== name && !list.some((n) => n.surface === other.surface)) list.push(other);
        }
    };
    const readNames = () => {
      if (names !== null) return names;
      names = new Map();
      for (const group of base.synonyms || []) addNames(group, TABLE_NAME);
      for (const pair of base.pairs || []) addNames(pair, PAGE_NAME);
      longestName = Math.max(1, ...[...names.keys()].map((key) => key.split(" ").length));
      return names;
    };
    const NO_NAMES = new Map();

    // --- the shards ---
    const bucketKey = (term) => {
      const points = Array.from(term);
      if (!points.length) return "";
      const first = points[0].codePointAt(0);
      if (first >= 0xac00 && first <= 0xd7a3) return points[0];
      return points.slice(0, 2).join("");
    };
    const shardOf = (term) => {
      let value = 0x811c9dc5;
      for (const point of bucketKey(term)) {
        value = (value ^ point.codePointAt(0)) >>> 0;
        value = Math.imul(value, 0x01000193) >>> 0;
      }
      return value % shardCount;
    };
    const addShard = (number, data) => shards.set(number, data);

    const postings = (map, term) => {
      const shard = shards.get(shardOf(term));
      if (!shard || !Object.prototype.hasOwnProperty.call(shard[map], term)) return null;
      const key = `${map}:${term}`;
      if (!decoded.has(key)) decoded.set(key, decodePostings(shard[map][term]));
      return decoded.get(key);
    };
    const termsStarting = (map, prefix) => {
      const number = shardOf(prefix);
      const shard = shards.get(number);
      if (!shard) return [];
      const key = `${number}:${map}`;
      if (!keys.has(key)) keys.set(key, Object.keys(shard[map]));
      return keys.get(key).filter((term) => term.length > prefix.length && term.startsWith(prefix));
    };

    // --- reading a query ---
    // a query: [{alternatives: [{words: [{term, script}], hangul, factor}], surfaces: [..]}];
    // ``otherNames: false`` reads the query's own words only (what search-page.js fetches first)
    const parse = (query, { otherNames = true } = {}) => {
      const named = otherNames ? readNames() : NO_NAMES;
      query = query.normalize("NFC");
      const groups = [];
      const surfaces = [];
      let rest = "";
      let at = 0;
      for (const [start, end, day] of daySpans(query)) {
        if (start < at) continue;
        rest += query.slice(at, start) + " · ";
        at = end;
        groups.push({ alternatives: [{ words: [{ term: DAY_PREFIX + day, script: "day" }], factor: WHOLE }] });
        surfaces.push(`day ${day}`, `${day}일차`, `${day}일 차`);
      }
      rest += query.slice(at);
      const read = terms(rest);
      for (let position = 0; position < read.length; ) {
        let taken = 0;
        const longest = otherNames ? longestName : 1;
        for (let size = Math.min(longest, read.length - position); size >= 1 && !taken; size--) {
          const span = read.slice(position, position + size);
          const spaced = span.map((w) => w.term).join(" ");
          const joined = span.map((w) => w.term).join("");
          const others = named.get(spaced) || (span.every((w) => w.script === "hangul") ? named.get(joined) : null);
          if (!others) continue;
          const own = { words: span.map(({ term, script }) => ({ term, script })), factor: WHOLE, own: true };
          const alternatives = [own];
          for (const name of others)
            alternatives.push({
              words: name.terms.map((term) => ({ term, script: name.hangul ? "hangul" : "latin" })),
              hangul: name.hangul,
              factor: name.factor,
            });
          groups.push({ alternatives, side: span });
          surfaces.push(span.map((w) => w.surface).join(" "), ...others.map((name) => name.surface));
          taken = size;
        }
        if (!taken) {
          const word = read[position];
          const alternatives = [{ words: [{ term: word.term, script: word.script }], factor: WHOLE, own: true }];
          // a bare number may be a day: "28" finds DAY 28
          if (word.script === "number")
            alternatives.push({ words: [{ term: DAY_PREFIX + word.term, script: "day" }], factor: WHOLE });
          groups.push({ alternatives, side: [word] });
          if (word.script !== "number") surfaces.push(word.surface);
          if (word.script === "latin" && word.term !== word.surface && word.surface.startsWith(word.term))
            surfaces.push(word.term);
          taken = 1;
        }
        position += taken;
      }
      // the longest first: 부스트캠프 is marked whole before 부스트 could be
      const unique = [...new Set(surfaces.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
      return { text: query, groups, surfaces: unique };
    };

    // the terms a query looks up, so their shards can be fetched first
    const lookups = (query) => {
      const wanted = new Set();
      for (const group of query.groups)
        for (const alternative of group.alternatives) {
          for (const word of alternative.words) wanted.add(word.term);
          if (alternative.hangul || alternative.own) wanted.add(alternative.words.map((w) => w.term).join(""));
        }
      return [...wanted];
    };
    const shardsOf = (query) => [...new Set(lookups(query).map(shardOf))];

    // --- ranking ---
    const idf = (pages) => Math.log(1 + (count - pages + 0.5) / (pages + 0.5));
    const pageScore = (page, code) => {
      const place = code >> 3;
      const tf = LEVEL_COUNT[code & 7];
      const norm = K1 * (1 - B + (B * (lengths[page] || averageLength)) / averageLength);
      return (tf * (K1 + 1)) / (tf + norm) + (place === TITLE ? TITLE_BONUS : place === HEADING ? HEADING_BONUS : 0);
    };
    // page -> best score of one term found as ``where`` in ``map`` (rarity not counted yet)
    const addTerm = (scores, map, term, where) => {
      const found = postings(map, term);
      if (!found) return;
      found.pages.forEach((page, n) => {
        const score = where * pageScore(page, found.codes[n]);
        if (score > (scores.get(page) || 0)) scores.set(page, score);
      });
    };
    const wordScores = (word) => {
      const scores = new Map();
      addTerm(scores, "w", word.term, WHOLE);
      if (word.script === "hangul") {
        for (const term of termsStarting("w", word.term)) addTerm(scores, "w", term, WORD_START);
        addTerm(scores, "p", word.term, WORD_END);
        for (const term of termsStarting("p", word.term)) addTerm(scores, "p", term, INSIDE);
      } else if (word.script === "latin" && word.term.length >= 3)
        for (const term of termsStarting("w", word.term)) addTerm(scores, "w", term, LATIN_START);
      return scores;
    };
    // pages writing these Hangul words side by side, or as one word
    const sideBySide = (words) => {
      const scores = new Map();
      const joined = words.map((w) => w.term).join("");
      addTerm(scores, "w", joined, WHOLE);
      addTerm(scores, "p", joined, WHOLE);
      return scores;
    };
    const alternativeScores = (alternative) => {
      const words = alternative.words;
      // another name in several Hangul words: only where they stand side by side
      if (alternative.hangul && !alternative.own && words.length > 1) return sideBySide(words);
      const each = words.map(wordScores);
      const scores = new Map();
      for (const [page] of each[0]) {
        if (!each.every((s) => s.has(page))) continue;
        scores.set(page, each.reduce((sum, s) => sum + s.get(page), 0) / each.length);
      }
      if (alternative.own && words.length > 1 && words.every((w) => w.script === "hangul"))
        for (const [page] of sideBySide(words))
          if (scores.has(page)) scores.set(page, scores.get(page) * (1 + SIDE_BY_SIDE));
      return scores;
    };
    // page -> the score of one query word (or words of one name): the best of its names,
    // times how rare the thing is, counted on every page found under any of its names
    // (a rarer spelling, or a longer word that starts with it, must not outweigh it)
    const groupScores = (group) => {
      const best = new Map();
      for (const alternative of group.alternatives)
        for (const [page, score] of alternativeScores(alternative)) {
          const weighted = score * alternative.factor;
          if (weighted > (best.get(page) || 0)) best.set(page, weighted);
        }
      const weight = idf(best.size);
      for (const [page, score] of best) best.set(page, score * weight);
      return best;
    };
    const rank = (query) => {
      const scored = query.groups.map(groupScores);
      const totals = new Map(); // page -> [groups found, score]
      scored.forEach((scores) => {
        for (const [page, score] of scores) {
          const total = totals.get(page) || [0, 0];
          totals.set(page, [total[0] + 1, total[1] + score]);
        }
      });
      // two query words the page writes side by side (or as one word)
      query.groups.forEach((group, n) => {
        const next = query.groups[n + 1];
        if (!next || !group.side || !next.side || group.side.length !== 1 || next.side.length !== 1) return;
        const pair = [group.side[0], next.side[0]];
        if (!pair.every((w) => w.script === "hangul")) return;
        for (const [page] of sideBySide(pair))
          if (scored[n].has(page) && scored[n + 1].has(page))
            totals.get(page)[1] += SIDE_BY_SIDE * (scored[n].get(page) + scored[n + 1].get(page));
      });
      const wanted = query.groups.length;
      let found = [...totals].filter(([, [groups]]) => groups === wanted);
      if (!found.length) found = [...totals];
      found.sort((a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1] || a[0] - b[0]);
      return found.map(([page, [groups, score]]) => ({ page, groups, score }));
    };

    return { parse, shardsOf, addShard, rank, terms, daySpans };
  };

  // --- the excerpt: the text around the first match, cut between two characters -------------
  // made at the first excerpt, not with the engine: making one takes tens of milliseconds,
  // and the search page's first result waits for the engine, not for excerpts
  let segmenter;
  const boundaries = (text) => {
    if (segmenter === undefined)
      segmenter =
        typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
    if (segmenter) return Array.from(segmenter.segment(text), (s) => s.index).concat(text.length);
    const found = [];
    for (let i = 0; i <= text.length; i++) {
      const unit = text.charCodeAt(i);
      if (!(unit >= 0xdc00 && unit <= 0xdfff)) found.push(i); // never inside a surrogate pair
    }
    return found;
  };
  // the last boundary at or before ``at``
  const snap = (bounds, at) => {
    let low = 0;
    let high = bounds.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (bounds[middle] <= at) low = middle;
      else high = middle - 1;
    }
    return bounds[low];
  };
  const BEFORE = 40;
  const LENGTH = 180;
  const excerpt = (text, surfaces) => {
    text = text.replace(/\s+/g, " ").trim();
    const lower = text.toLowerCase();
    const comparable = lower.length === text.length ? lower : text;
    let at = -1;
    for (const surface of surfaces) {
      const found = comparable.indexOf(surface);
      if (found >= 0 && (at < 0 || found < at)) at = found;
    }
    const bounds = boundaries(text);
    let start = 0;
    if (at > BEFORE) {
      // from a word's start shortly before the match
      const space = text.indexOf(" ", at - BEFORE);
      start = space >= 0 && space < at ? space + 1 : snap(bounds, at - BEFORE);
    }
    let end = start + LENGTH;
    if (end >= text.length) end = text.length;
    else {
      const space = text.lastIndexOf(" ", end);
      end = space > start + LENGTH / 2 ? space : snap(bounds, end);
    }
    return { text: text.slice(start, end), start, end, before: start > 0, after: end < text.length };
  };

  return { create, excerpt, decodePostings, makeReader, daySpans };
})();
