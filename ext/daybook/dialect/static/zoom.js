/* daybook: a post's images enlarge when clicked, as on the blog (medium-zoom).
 *
 * Click an image, or press Enter or Space on it once focused (Tab), and it
 * opens enlarged over the page: as large as the window allows, never larger
 * than the image itself. A click anywhere, Escape, Enter, Space or scrolling
 * the page closes it, and focus goes back to the image. Images that are
 * links (or inside cards) stay links. No library and no network: the image
 * is the one already on the page.
 */
(() => {
  "use strict";

  const MARGIN = 24; // px left around the enlarged image
  const SCROLL_CLOSES = 40; // px of page scrolling that closes it
  let open = null; // { overlay, image, scrollY }

  const zoomable = (image) => !image.closest("a, button, .sd-card, .daybook-thumbnail");

  function size(image) {
    const shown = image.getBoundingClientRect();
    let width = image.naturalWidth;
    let height = image.naturalHeight;
    if (!width || !height) {
      // an SVG without a size of its own: as large as the window allows
      width = window.innerWidth;
      height = width * (shown.height / shown.width);
    }
    if (shown.width > width) {
      // shown larger than it is (<img width=…>): at least that large
      [width, height] = [shown.width, shown.height];
    }
    const room = Math.min(1, (window.innerWidth - 2 * MARGIN) / width, (window.innerHeight - 2 * MARGIN) / height);
    return [width * room, height * room];
  }

  function close() {
    if (!open) return;
    const { overlay, image } = open;
    open = null;
    overlay.remove();
    document.documentElement.classList.remove("daybook-zoom-open");
    image.setAttribute("aria-expanded", "false");
    image.focus({ preventScroll: true });
  }

  function show(image) {
    const overlay = document.createElement("div");
    overlay.className = "daybook-zoom";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", image.alt || image.getAttribute("aria-label") || "");
    overlay.tabIndex = -1;
    const big = document.createElement("img");
    big.className = "daybook-zoom-image";
    big.src = image.currentSrc || image.src;
    big.alt = image.alt;
    const [width, height] = size(image);
    big.style.width = `${width}px`;
    big.style.height = `${height}px`;
    overlay.append(big);
    overlay.addEventListener("click", close);
    document.body.append(overlay);
    document.documentElement.classList.add("daybook-zoom-open");
    image.setAttribute("aria-expanded", "true");
    open = { overlay, image, scrollY: window.scrollY };
    overlay.focus({ preventScroll: true });
  }

  function prepare() {
    for (const image of document.querySelectorAll("article.bd-article img")) {
      if (!zoomable(image)) continue;
      image.classList.add("daybook-zoomable");
      image.tabIndex = 0;
      image.setAttribute("role", "button");
      image.setAttribute("aria-haspopup", "dialog");
      image.setAttribute("aria-expanded", "false");
      if (image.alt) image.setAttribute("aria-label", image.alt);
    }
  }

  document.addEventListener("click", (event) => {
    const image = event.target instanceof Element && event.target.closest("img.daybook-zoomable");
    if (image && !open) {
      event.preventDefault();
      show(image);
    }
  });

  document.addEventListener("keydown", (event) => {
    if (open) {
      if (["Escape", "Enter", " "].includes(event.key) || event.key === "Tab") {
        event.preventDefault(); // focus stays in the open view until it closes
        if (event.key !== "Tab") close();
      }
      return;
    }
    const image = event.target instanceof Element && event.target.closest("img.daybook-zoomable");
    if (image && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      show(image);
    }
  });

  window.addEventListener("scroll", () => {
    if (open && Math.abs(window.scrollY - open.scrollY) > SCROLL_CLOSES) close();
  }, { passive: true });
  window.addEventListener("resize", close);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", prepare);
  } else {
    prepare();
  }
})();
