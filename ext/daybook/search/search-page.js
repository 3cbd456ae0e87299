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
