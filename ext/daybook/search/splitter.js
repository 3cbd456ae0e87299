/*
 * daybook: Korean search in the browser (generated from daybook's
 * search/splitter.js; the endings below come from search/endings.txt).
 *
 * splitQuery() reduces a query as daybook.search.korean.split_query does in
 * Python: Hangul runs lose one trailing particle or ending and become
 * syllable bigrams; other words stay whole.
 */
var splitQuery = (() => {
  "use strict";
  // longest first
  const ENDINGS = /*DAYBOOK_ENDINGS*/[];
  const ENDING_SET = new Set(ENDINGS);
  const WORD = /[\p{L}\p{N}_]+/gu;
  const SCRIPT_RUN = /[\uAC00-\uD7A3]+|[^\uAC00-\uD7A3]+/gu;
  const HANGUL = /[\uAC00-\uD7A3]/u;

  const bigrams = (run) => {
    if (run.length < 2) return [run];
    const pairs = [];
    for (let i = 0; i < run.length - 1; i++) pairs.push(run.slice(i, i + 2));
    return pairs;
  };

  // a one-syllable ending only leaves a run of three syllables or more
  const stripEnding = (run) => {
    for (const ending of ENDINGS) {
      if (ending.length < run.length && run.endsWith(ending)) {
        if (ending.length >= 2 || run.length >= 3)
          return run.slice(0, run.length - ending.length);
      }
    }
    return run;
  };

  return (query) => {
    const terms = [];
    for (const word of query.normalize("NFC").match(WORD) || []) {
      let previousIsOther = false;
      for (const run of word.match(SCRIPT_RUN)) {
        const hangul = HANGUL.test(run);
        const attached = hangul && previousIsOther;
        previousIsOther = !hangul;
        if (!hangul) terms.push(run);
        // the particle of GPU를, UpStage에서
        else if (attached && ENDING_SET.has(run)) continue;
        else terms.push(...bigrams(stripEnding(run)));
      }
    }
    return [...new Set(terms)];
  };
})();

/*
 * Sphinx's term search keeps a match only when every query word longer than
 * two characters matches, and finds partial matches only for such words:
 * nearly every Hangul term has two characters. Daybook's version requires
 * every term (AND), and lets a one-syllable word (팀) match the bigrams it
 * starts (팀원). This serves Sphinx's own searchindex.js (Hangul bigrams, kept
 * for tools); the book's pages search daybook's index with search/engine.js,
 * which search-page.js puts in this function's place.
 */
(() => {
  "use strict";
  if (typeof Search === "undefined") return;
  const ONE_SYLLABLE = /^[\uAC00-\uD7A3]$/u;
  const keysOf = new WeakMap();

  const filesOf = (mapping, term) => {
    if (!Object.prototype.hasOwnProperty.call(mapping, term)) return [];
    const files = mapping[term];
    return typeof files === "number" ? [files] : files;
  };

  const termsOf = (mapping) => {
    if (!keysOf.has(mapping)) keysOf.set(mapping, Object.keys(mapping));
    return keysOf.get(mapping);
  };

  // file -> best score of ``word`` in ``mapping``
  const scoreWord = (scores, mapping, word, exactScore, partialScore) => {
    const add = (files, score) =>
      files.forEach((file) => scores.set(file, Math.max(scores.get(file) || 0, score)));
    const exact = Object.prototype.hasOwnProperty.call(mapping, word);
    add(filesOf(mapping, word), exactScore);
    let partial = null;
    if (ONE_SYLLABLE.test(word)) partial = (term) => term.length > 1 && term.startsWith(word);
    else if (word.length > 2 && !exact) partial = (term) => term.includes(word);
    if (partial === null) return;
    for (const term of termsOf(mapping))
      if (partial(term)) add(filesOf(mapping, term), partialScore);
  };

  Search.performTermsSearch = (searchTerms, excludedTerms) => {
    const index = Search._index;
    let matching = null; // file -> summed score, over every word so far
    for (const word of searchTerms) {
      const scores = new Map();
      scoreWord(scores, index.terms, word, Scorer.term, Scorer.partialTerm);
      scoreWord(scores, index.titleterms, word, Scorer.title, Scorer.partialTitle);
      if (matching === null) matching = scores;
      else {
        for (const file of [...matching.keys()]) {
          if (scores.has(file)) matching.set(file, matching.get(file) + scores.get(file));
          else matching.delete(file);
        }
      }
      if (matching.size === 0) break;
    }
    if (matching === null) return [];
    for (const word of excludedTerms) {
      filesOf(index.terms, word).forEach((file) => matching.delete(file));
      filesOf(index.titleterms, word).forEach((file) => matching.delete(file));
    }
    return [...matching].map(([file, score]) => [
      index.docnames[file],
      index.titles[file],
      "",
      null,
      score,
      index.filenames[file],
      SearchResultKind.text,
    ]);
  };
})();

/*
 * Sphinx's Korean catalogue leaves the "found N pages" message empty, so a
 * finished search said nothing. Fill it in when it is still empty.
 */
(() => {
  "use strict";
  if (typeof Documentation === "undefined") return;
  const key = "Search finished, found one page matching the search query.";
  const translated = Documentation.TRANSLATIONS[key];
  if (Array.isArray(translated) && !translated[0])
    Documentation.TRANSLATIONS[key] = [
      "검색을 마쳤습니다. 검색어와 일치하는 문서를 ${resultCount}개 찾았습니다.",
    ];
})();
