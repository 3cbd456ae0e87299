/*
 * daybook: the book's search, fetched when the reader searches (search/lazy.py).
 *
 * No page loads an index. When a search box gets the focus (also by Ctrl+K)
 * or a search starts (the search page with ?q=), the base
 * (_static/daybook-search/base.js: page names, titles, lengths, what reading
 * a query needs) and daybook's engine (engine.js) are fetched; each query
 * then fetches the shards of its own words (t/<n>.js, see search/shards.py)
 * before it runs. Files are scripts, so a book opened from disk searches too.
 *
 * Sphinx's search page and the theme's search-as-you-type still draw the
 * results; daybook's engine stands in for the parts of Sphinx's search that
 * read the query, rank the pages and cut the excerpt (Search._parseQuery,
 * Search.performTermsSearch, Search.makeSearchSummary, Search.htmlToText):
 * see search/engine.js for how it ranks.
 */
(() => {
  "use strict";
  const root = document.documentElement.dataset.content_root;
  if (root === undefined) return;
  const folder = root + "_static/daybook-search/";
  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let engine = null;
  let fetching = null;
  let loading = null;
  const shardPromises = new Map();
  const arrived = new Map();
  // searchTerms (a Set Sphinx hands from one step to the next) -> the query daybook read
  const queries = new WeakMap();

  // the reader waits for these: a script added by a script is otherwise fetched at low
  // priority, after every stylesheet and script of the page (and one at a time while the
  // head is read, over HTTP/1)
  const script = (src) =>
    new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.fetchPriority = "high";
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });

  // names as shards.front_code writes them: what they share with the one before, then the rest
  const unfront = (coded) => {
    const names = [];
    let previous = "";
    for (const item of coded) {
      previous = previous.slice(0, ALPHABET.indexOf(item[0])) + item.slice(1);
      names.push(previous);
    }
    return names;
  };

  // the base and the engine: all a query needs but its shards
  const fetchEngine = () => {
    if (fetching === null)
      fetching = Promise.all([script(folder + "base.js"), script(folder + "engine.js")]).then(() => {
        const stemmer = typeof EnglishStemmer === "undefined" ? null : new EnglishStemmer();
        engine = DaybookEngine.create(arrived.get("base"), stemmer);
      });
    return fetching;
  };

  // ... and handed to Sphinx's search
  const load = () => {
    if (loading === null)
      loading = fetchEngine().then(() => {
        const base = arrived.get("base");
        // what Sphinx's search reads besides the terms: no objects, titles or index entries
        Search.setIndex({
          docnames: base.docnames,
          filenames: base.docnames,
          titles: unfront(base.titles),
          terms: {},
          titleterms: {},
          alltitles: {},
          indexentries: {},
          objects: {},
          objnames: {},
          objtypes: {},
        });
      });
    return loading;
  };

  const loadShard = (number) => {
    if (!shardPromises.has(number))
      shardPromises.set(
        number,
        script(`${folder}t/${number}.js`).then(() => engine.addShard(number, arrived.get(number))),
      );
    return shardPromises.get(number);
  };

  // the base, the engine and the shards of ``text``: then the query can run
  const prepare = (text) =>
    load().then(() => Promise.all(engine.shardsOf(engine.parse(text)).map(loadShard)));

  window.DaybookSearch = {
    /**
     * The search page's search, started as soon as its results box is read
     * (below): Sphinx starts it on DOMContentLoaded, after the theme's
     * scripts at the page's end have run. Once only.
     */
    startOnSearchPage: () => {
      if (!onSearchPage || !asked || startedOnPage) return;
      install();
      if (!installed) return;
      startedOnPage = true;
      Search.init();
      startedEarly = asked;
    },
    base: (index) => arrived.set("base", index),
    shard: (number, data) => arrived.set(number, data),
    /** The docnames the search lists for ``text``, best first (for tests and tools). */
    rank: (text) =>
      prepare(text).then(() => engine.rank(engine.parse(text)).map(({ page }) => Search._index.docnames[page])),
  };

  // -- in place of Sphinx's reading, ranking and excerpts ------------------------------------
  const parseQuery = (text) => {
    if (engine === null) return [text, new Set(), new Set(), new Set(), new Set()]; // the index did not come
    const query = engine.parse(text);
    const searchTerms = new Set(query.groups.map((group) => group.alternatives[0].words.map((w) => w.term).join(" ")));
    queries.set(searchTerms, query);
    const highlightTerms = new Set(query.surfaces);
    if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED)
      // the chapter opened from a result marks the words too (one word each: it splits on spaces)
      localStorage.setItem("sphinx_highlight_terms", query.surfaces.filter((s) => !s.includes(" ")).join(" "));
    return [text, searchTerms, new Set(), highlightTerms, new Set()];
  };

  const performTermsSearch = (searchTerms) => {
    const query = queries.get(searchTerms);
    if (!query) return [];
    const index = Search._index;
    return engine.rank(query).map(({ page, groups, score }) => [
      index.docnames[page],
      index.titles[page],
      "",
      null,
      // Sphinx orders by this number: pages holding more of the query's words first
      groups * 1000 + score,
      index.filenames[page],
      SearchResultKind.text,
    ]);
  };

  // The post's own words: no theme controls, and neither its title nor its byline,
  // which the result shows already
  const htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const article = page.querySelector("article.bd-article") || page.querySelector('[role="main"]');
    if (!article) return "";
    const unwanted = [".headerlink", "script", "style", "annotation", ".daybook-byline", ".daybook-math-source", "h1"];
    for (const selector of unwanted) article.querySelectorAll(selector).forEach((element) => element.remove());
    if (anchor) {
      try {
        const part = article.querySelector(anchor);
        if (part) return part.textContent;
      } catch (error) {
        // an anchor that is no selector: the whole post
      }
    }
    return article.textContent;
  };

  const makeSearchSummary = (htmlString, searchTerms, anchor) => {
    const text = Search.htmlToText(htmlString, anchor);
    if (!text.trim()) return null;
    const query = queries.get(searchTerms);
    const cut = DaybookEngine.excerpt(text, query ? query.surfaces : []);
    const summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent = (cut.before ? "… " : "") + cut.text + (cut.after ? " …" : "");
    return summary;
  };

  // the search page searches at once: its head holds this, before its stylesheets
  // (search/templates/search.html), and the base, the engine (which the head preloads) and
  // the query's shards are fetched and read while the page's styles come
  const searchPage = new URL(root + "search/", window.location.href).pathname;
  const onSearchPage = window.location.pathname.replace(/(search)(\.html|\/index\.html)$/, "$1/") === searchPage;
  const asked = new URLSearchParams(window.location.search).get("q");
  let startedOnPage = false;
  if (onSearchPage)
    fetchEngine()
      .then(() => {
        if (!asked) return null;
        // the shards of the query's own words first: reading the other names of things
        // (synonyms.txt, the author's pairs) takes a while, spent while those come
        const own = engine.shardsOf(engine.parse(asked, { otherNames: false })).map(loadShard);
        return Promise.all([...own, ...engine.shardsOf(engine.parse(asked)).map(loadShard)]);
      })
      .catch(() => {}); // the search itself reports what did not come
  if (onSearchPage && asked)
    // the search starts when its results box is read: before the theme's script after the
    // box, which sets the focus and so makes the page work out its styles and layout first
    new MutationObserver((_, observer) => {
      if (!document.getElementById("search-results")) return;
      observer.disconnect();
      window.DaybookSearch.startOnSearchPage();
    }).observe(document, { childList: true, subtree: true });

  let installed = false;
  // the query the search page started before Sphinx's own start (Search.init, on DOMContentLoaded)
  let startedEarly = null;
  const install = () => {
    if (installed || typeof Search === "undefined") return;
    installed = true;
    Search._parseQuery = parseQuery;
    Search.performTermsSearch = performTermsSearch;
    Search.htmlToText = htmlToText;
    Search.makeSearchSummary = makeSearchSummary;
    const query = Search.query;
    Search.query = (text) => {
      const run = () => query(text);
      prepare(text).then(run, run);
    };
    const performSearch = Search.performSearch;
    Search.performSearch = (text) => {
      if (startedEarly !== null) {
        // Sphinx's start, once the page has loaded: this search runs already
        const again = text === startedEarly;
        startedEarly = null;
        if (again) return;
      }
      load();
      performSearch(text);
    };
    document.addEventListener("focusin", (event) => {
      if (event.target.matches && event.target.matches('input[name="q"]')) load();
    });
    // Ctrl+K / Cmd+K opens the search: start fetching at once
    window.addEventListener(
      "keydown",
      (event) => {
        if ((event.ctrlKey || event.metaKey) && /^k$/i.test(event.key)) load();
      },
      true,
    );
  };
  // searchtools.js comes after this script. Read with the page (the search page), Search.init
  // runs on DOMContentLoaded after this; deferred (a chapter, writing/theme.py), Search.init
  // runs as soon as searchtools.js is read, and this still waits for the document
  if (document.readyState === "loading" || (document.currentScript && document.currentScript.defer))
    document.addEventListener("DOMContentLoaded", install);
  else install();
})();
