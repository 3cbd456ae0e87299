/*
 * daybook: keep the search page's own results on the search page.
 *
 * pydata-sphinx-theme's search-as-you-type stays out of the search page by
 * testing for a path ending in "/search.html"; with the dirhtml builder the
 * page is "search/", so it moved the page's results into its hidden dialog.
 * This runs before the theme's deferred script and turns it off on that page.
 */
(() => {
  "use strict";
  if (typeof DOCUMENTATION_OPTIONS === "undefined") return;
  const root = document.documentElement.dataset.content_root;
  if (root === undefined) return;
  const searchPage = new URL(root + "search/", window.location.href).pathname;
  const here = window.location.pathname.replace(/index\.html$/, "");
  if (here === searchPage) DOCUMENTATION_OPTIONS.search_as_you_type = false;
})();

/*
 * daybook: the search index comes when the reader searches (search/lazy.py).
 *
 * No page loads searchindex.js. When a search box gets the focus (also by
 * Ctrl+K) or a search starts (the search page with ?q=), the base
 * (_static/daybook-search/base.js: page names and titles) is fetched; each
 * query then fetches the shards of its own terms (t/<n>.js, see
 * search/shards.py for how a term finds its shard and how its pages are
 * written) before Sphinx's search runs.
 * Files are scripts, so a book opened from disk searches too.
 */
(() => {
  "use strict";
  const root = document.documentElement.dataset.content_root;
  if (root === undefined) return;
  const folder = root + "_static/daybook-search/";
  const HANGUL_FIRST = 0xac00;
  const HANGUL_LAST = 0xd7a3;
  let shardCount = 0;
  let basePromise = null;
  const shardPromises = new Map();
  const arrived = new Map();

  const script = (src) =>
    new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });

  // as shards.bucket_key and shards.fnv1a: code points, not UTF-16 units
  const bucketKey = (term) => {
    const points = Array.from(term);
    if (!points.length) return "";
    const first = points[0].codePointAt(0);
    if (first >= HANGUL_FIRST && first <= HANGUL_LAST) return points[0];
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

  // A term's pages as shards.encode_pages writes them: Rice-coded gaps, six
  // bits a character, "!" first for the pages the term is not on
  const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const SIX = new Uint8Array(128);
  for (let value = 0; value < ALPHABET.length; value++) SIX[ALPHABET.charCodeAt(value)] = value;
  const COMPLEMENT = "!".charCodeAt(0);
  const decodePages = (code, count) => {
    const complement = code.charCodeAt(0) === COMPLEMENT;
    let position = complement ? 1 : 0;
    const k = SIX[code.charCodeAt(position++)];
    const scale = 2 ** k;
    const pages = [];
    let page = -1;
    let quotient = 0;
    let low = 0;
    let lowBits = -1; // -1 while the one-bits of the quotient are read
    for (; position < code.length; position++) {
      const six = SIX[code.charCodeAt(position)];
      for (let shift = 5; shift >= 0; shift--) {
        const bit = (six >> shift) & 1;
        if (lowBits >= 0) {
          low = low * 2 + bit;
          lowBits += 1;
        } else if (bit) quotient += 1;
        else lowBits = 0;
        if (lowBits === k) {
          page += quotient * scale + low + 1;
          pages.push(page);
          quotient = 0;
          low = 0;
          lowBits = -1;
        }
      }
    }
    // the last one-bits are padding: a quotient with no zero-bit after it
    if (!complement) return pages;
    const all = [];
    let skip = 0;
    for (let n = 0; n < count; n++) {
      if (n === pages[skip]) skip += 1;
      else all.push(n);
    }
    return all;
  };
  // Sphinx's own form: a number for one page, an array for more
  const decodeTerms = (terms, count) => {
    const decoded = {};
    for (const [term, value] of Object.entries(terms))
      decoded[term] = typeof value === "string" ? decodePages(value, count) : value;
    return decoded;
  };

  // names as shards.front_code writes them: what they share with the one before, then the rest
  const unfront = (coded) => {
    const names = [];
    let previous = "";
    for (const item of coded) {
      previous = previous.slice(0, SIX[item.charCodeAt(0)]) + item.slice(1);
      names.push(previous);
    }
    return names;
  };

  window.DaybookSearch = {
    base: (index) => arrived.set("base", index),
    shard: (number, data) =>
      arrived.set(number, {
        terms: decodeTerms(data.terms, data.pages),
        titleterms: decodeTerms(data.titleterms, data.pages),
      }),
  };

  const loadBase = () => {
    if (basePromise === null)
      basePromise = script(folder + "base.js").then(() => {
        const base = { ...arrived.get("base") };
        for (const key of base.front || []) base[key] = unfront(base[key]);
        shardCount = base.shards;
        Search.setIndex({
          ...base,
          filenames: base.docnames,
          terms: {},
          titleterms: {},
          alltitles: {},
          indexentries: {},
        });
      });
    return basePromise;
  };

  const loadShard = (number) => {
    if (!shardPromises.has(number))
      shardPromises.set(
        number,
        script(`${folder}t/${number}.js`).then(() => {
          const data = arrived.get(number);
          // new objects: the term search caches the keys of the old ones
          Search._index.terms = { ...Search._index.terms, ...data.terms };
          Search._index.titleterms = { ...Search._index.titleterms, ...data.titleterms };
        }),
      );
    return shardPromises.get(number);
  };

  const install = () => {
    if (typeof Search === "undefined") return;
    const query = Search.query;
    Search.query = (text) => {
      const [, searchTerms, excludedTerms] = Search._parseQuery(text);
      const needed = new Set([...searchTerms, ...excludedTerms].map(shardOf));
      const run = () => query(text);
      Promise.all([...needed].map(loadShard)).then(run, run);
    };
    const performSearch = Search.performSearch;
    Search.performSearch = (text) => {
      loadBase();
      performSearch(text);
    };
    document.addEventListener("focusin", (event) => {
      if (event.target.matches && event.target.matches('input[name="q"]')) loadBase();
    });
    // Ctrl+K / Cmd+K opens the search: start fetching at once
    window.addEventListener(
      "keydown",
      (event) => {
        if ((event.ctrlKey || event.metaKey) && /^k$/i.test(event.key)) loadBase();
      },
      true,
    );

    // Excerpts: the post's own text (title, byline, body), not the theme's controls
    Search.htmlToText = (htmlString, anchor) => {
      const page = new DOMParser().parseFromString(htmlString, "text/html");
      const article = page.querySelector("article.bd-article") || page.querySelector('[role="main"]');
      if (!article) return "";
      for (const unwanted of [".headerlink", "script", "style", "annotation"])
        article.querySelectorAll(unwanted).forEach((element) => element.remove());
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
  };
  // searchtools.js comes after this script; Search.init runs on DOMContentLoaded, after this
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", install);
  else install();
})();
