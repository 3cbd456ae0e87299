// daybook: the chapter's comments (utterances or giscus), loaded only when the
// reader reaches the end of the chapter, in the book's colour mode.
(function () {
  "use strict";
  var box = document.querySelector(".daybook-comments[data-client]");
  if (!box) return;
  var loaded = false;

  function theme() {
    return document.documentElement.dataset.theme === "dark" ? box.dataset.themeDark : box.dataset.themeLight;
  }

  function load() {
    if (loaded) return;
    loaded = true;
    var attributes = JSON.parse(box.dataset.attributes || "{}");
    var script = document.createElement("script");
    Object.keys(attributes).forEach(function (name) {
      script.setAttribute(name, attributes[name]);
    });
    script.setAttribute(box.dataset.provider === "giscus" ? "data-theme" : "theme", theme());
    script.setAttribute("crossorigin", "anonymous");
    script.async = true;
    script.src = box.dataset.client;
    box.appendChild(script);
  }

  if ("IntersectionObserver" in window) {
    var watcher = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        watcher.disconnect();
        load();
      }
    }, { rootMargin: "0px 0px 200px 0px" });
    watcher.observe(box);
  } else {
    load();
  }

  // the widget follows the book's light/dark switch (the theme's data-theme on <html>)
  new MutationObserver(function () {
    var frame = box.querySelector("iframe");
    if (!frame || !frame.contentWindow) return;
    var message = box.dataset.provider === "giscus"
      ? { giscus: { setConfig: { theme: theme() } } }
      : { type: "set-theme", theme: theme() };
    frame.contentWindow.postMessage(message, new URL(box.dataset.client).origin);
  }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
})();
