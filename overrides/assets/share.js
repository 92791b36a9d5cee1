/* "Copy link" and "Cite" beside every paragraph and recital number, and the 404 jump box.
 *
 * Progressive enhancement: without JavaScript the paragraph number is itself the permalink
 * and the 404 page links to the full text, so the buttons and the jump form only appear
 * when this script runs. The citation text comes from the page (data-cite, written by the
 * plugin from the document's header); the address is the permalink resolved against the
 * page's canonical address (data-page-url), so a copy made on a local or preview server
 * still names the published URL. Clicks are delegated to the document, and `enhance` runs
 * again after each of Material's instant page swaps.
 */
(function () {
  "use strict";
  var ITEMS = ".para[data-cite], .recital[data-cite]";
  var statusTimer = 0;

  function status() {
    var region = document.getElementById("share-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "share-status";
      region.className = "share-status";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return region;
  }

  function announce(message) {
    var region = status();
    /* Clear first so that the same message twice in a row is announced twice. */
    region.textContent = "";
    window.requestAnimationFrame(function () { region.textContent = message; });
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () { region.textContent = ""; }, 4000);
  }

  /* The absolute, canonical address of the item's own page. Material's instant navigation
     rewrites link hrefs to absolute addresses on the serving origin, so the permalink is
     mapped from the served site root to the canonical one (data-site-url). */
  function permalink(item) {
    var holder = item.closest("article") || document;
    var marker = holder.querySelector(".share-page[data-page-url]");
    var link = new URL(item.querySelector("a.pnum").href);
    if (!marker) return link.href;
    var site = new URL(marker.getAttribute("data-site-url"));
    var page = new URL(marker.getAttribute("data-page-url"));
    var here = window.location.pathname.replace(/index\.html$/, "");
    var own = page.pathname.slice(site.pathname.length);
    var servedRoot = here.slice(0, here.length - own.length);
    if (here.slice(here.length - own.length) !== own || link.pathname.indexOf(servedRoot) !== 0) {
      return link.href;
    }
    var rest = link.pathname.slice(servedRoot.length).replace(/index\.html$/, "");
    return new URL(rest + link.hash, site).href;
  }

  function label(item) {
    var title = item.querySelector("a.pnum").getAttribute("title") || "";
    return title.split(":")[0];
  }

  function button(kind, text, name) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "share-btn";
    b.setAttribute("data-share", kind);
    b.textContent = text;
    /* The accessible name starts with the visible text (WCAG 2.5.3). */
    b.setAttribute("aria-label", text + " " + name);
    return b;
  }

  function enhance() {
    var items = document.querySelectorAll(ITEMS);
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var number = item.querySelector("a.pnum");
      if (!number || item.querySelector(".share-tools")) continue;
      var name = label(item);
      var tools = document.createElement("span");
      tools.className = "share-tools";
      tools.setAttribute("role", "group");
      tools.setAttribute("aria-label", "Share " + name);
      tools.appendChild(button("link", "Copy link", "to " + name));
      tools.appendChild(button("cite", "Cite", name));
      number.insertAdjacentElement("afterend", tools);
    }
    var jump = document.querySelector("form.jump[data-jump]");
    if (jump) jump.hidden = false;
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "share-offscreen";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  document.addEventListener("click", function (event) {
    var b = event.target.closest && event.target.closest("button.share-btn");
    if (!b) return;
    var item = b.closest(ITEMS);
    if (!item) return;
    var url = permalink(item);
    var kind = b.getAttribute("data-share");
    var text = kind === "cite" ? item.getAttribute("data-cite") + ", " + url + "." : url;
    var what = kind === "cite" ? "citation of " : "link to ";
    copy(text).then(
      function () { announce("Copied " + what + label(item)); },
      function () { announce("Could not copy. " + text); }
    );
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form.jump[data-jump]")) return;
    event.preventDefault();
    var input = form.querySelector("input[type=number]");
    var n = parseInt(input.value, 10);
    var min = parseInt(input.min, 10);
    var max = parseInt(input.max, 10);
    if (isNaN(n) || n < min || n > max) {
      input.setCustomValidity("Enter a paragraph number from " + min + " to " + max + ".");
      input.reportValidity();
      input.setCustomValidity("");
      return;
    }
    window.location.href = form.getAttribute("data-jump") + n + "/";
  });

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(enhance);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
