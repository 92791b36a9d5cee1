/* Tooltips for cross-references (glossary terms and instruments).
 *
 * Written by hand because Material's tooltips open on hover and focus only: they do not
 * close with Escape, do not open on tap, and cannot hold a link. WCAG 2.1 SC 1.4.13 asks
 * for content on hover or focus that is dismissible, hoverable and persistent.
 * The links carry a `title` (and their href), so without JavaScript the expansion and the
 * glossary entry are still there. Listeners are delegated to the document, so pages
 * swapped in by Material's instant navigation need no re-initialisation.
 */
(function () {
  "use strict";

  /* The words of the tooltips: English here, or the page's own (data-interface-words,
     theme/main.html; share.js reads the same). */
  var ENGLISH = {"share.tooltip_instrument": "Open the instrument page", "share.tooltip_term": "Open the glossary entry"};
  function word(key) {
    var holder = document.querySelector("[data-interface-words]");
    try {
      return JSON.parse(holder.getAttribute("data-interface-words"))[key] || ENGLISH[key];
    } catch (e) {
      return ENGLISH[key]; /* no holder: the page is in English */
    }
  }

  var SELECTOR = "a.xref";
  var tip = null;
  var owner = null;
  var hideTimer = 0;
  var lastPointer = "mouse";
  var armed = null; /* the term a tap opened; a second tap on it closes the tooltip */

  function tooltip() {
    if (!tip || !document.body.contains(tip)) {
      tip = document.createElement("div");
      tip.id = "xref-tip";
      tip.className = "xref-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", function () { scheduleHide(); });
      document.body.appendChild(tip);
    }
    return tip;
  }

  /* The title becomes the tooltip's text; the native tooltip would otherwise double it. */
  function text(el) {
    if (el.hasAttribute("title")) {
      el.setAttribute("data-tip", el.getAttribute("title"));
      el.removeAttribute("title");
    }
    return el.getAttribute("data-tip") || "";
  }

  function show(el) {
    clearTimeout(hideTimer);
    var t = tooltip();
    t.textContent = text(el);
    if (lastPointer === "touch") {
      var more = document.createElement("a");
      more.href = el.href;
      more.textContent = word(el.classList.contains("term") ? "share.tooltip_term" : "share.tooltip_instrument");
      t.appendChild(document.createTextNode(" "));
      t.appendChild(more);
    }
    if (owner && owner !== el) owner.removeAttribute("aria-describedby");
    owner = el;
    el.setAttribute("aria-describedby", t.id);
    t.hidden = false;
    place(el, t);
  }

  function place(el, t) {
    var r = el.getBoundingClientRect();
    var width = t.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    t.style.left = left + "px";
    t.style.top = r.bottom + window.scrollY + 6 + "px";
  }

  function hide() {
    clearTimeout(hideTimer);
    if (tip) tip.hidden = true;
    if (owner) owner.removeAttribute("aria-describedby");
    owner = null;
    armed = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  function target(event) {
    return event.target instanceof Element ? event.target.closest(SELECTOR) : null;
  }

  document.addEventListener("pointerdown", function (e) { lastPointer = e.pointerType || "mouse"; }, true);
  /* Pointer events, not mouse events: a tap also fires emulated mouse events. */
  document.addEventListener("pointerover", function (e) {
    var el = target(e);
    if (el && e.pointerType !== "touch") { lastPointer = e.pointerType; show(el); }
  });
  document.addEventListener("pointerout", function (e) {
    var el = target(e);
    if (e.pointerType === "touch") return;
    if (el && !(e.relatedTarget instanceof Node && (el.contains(e.relatedTarget) || (tip && tip.contains(e.relatedTarget))))) scheduleHide();
  });
  document.addEventListener("focusin", function (e) {
    var el = target(e);
    if (el) show(el);
    else if (!(tip && tip.contains(e.target))) hide();
  });
  document.addEventListener("focusout", function (e) {
    if (target(e) && !(e.relatedTarget instanceof Node && tip && tip.contains(e.relatedTarget))) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && tip && !tip.hidden) hide();
  });
  /* On touch, a tap shows the tooltip and a second tap on the same term closes it; the
     tooltip holds the link to the entry. The tap never navigates: preventDefault alone is
     not enough, since Material's instant navigation listens on document.body and ignores
     defaultPrevented, so the click stops here, in the capture phase on the document. */
  document.addEventListener("click", function (e) {
    var el = target(e);
    if (!el) {
      if (tip && !tip.hidden && !tip.contains(e.target)) hide();
      return;
    }
    if (lastPointer !== "touch") return;
    e.preventDefault();
    e.stopPropagation();
    if (armed !== el) {
      show(el);
      armed = el;
    } else {
      hide();
    }
  }, true);
  window.addEventListener("resize", hide);

  /* Material's search.highlight opens a result as ".../?h=term": once the page has
     highlighted it, the address loses "?h=" again, so that the address a reader copies from
     the bar is the page's own. */
  function dropHighlightQuery() {
    var url = new URL(window.location.href);
    if (!url.searchParams.has("h")) return;
    url.searchParams.delete("h");
    setTimeout(function () {
      window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
    }, 0);
  }
  if (typeof window.document$ !== "undefined") window.document$.subscribe(dropHighlightQuery);
  else dropHighlightQuery();

  /* A site that became a collection: its old home's anchors ("/#overview") now name headings
     of the document's own home ("/st-9876-2024/#overview"). GitHub Pages cannot redirect a
     fragment, and the server never sees one, so the collection's home sends an anchor it
     does not have on to the page that has it (core/pages/collection.py writes the target). */
  function followMovedAnchor() {
    var moved = document.querySelector("[data-moved-anchors]");
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!moved || !id || document.getElementById(id)) return;
    window.location.replace(new URL(moved.getAttribute("data-moved-anchors"), window.location.href).href + window.location.hash);
  }
  if (typeof window.document$ !== "undefined") window.document$.subscribe(followMovedAnchor);
  else followMovedAnchor();
})();
