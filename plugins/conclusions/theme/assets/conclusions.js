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

  /* The words this script writes: English here, or the page's own (data-interface-words,
     theme/main.html; share.js reads the same), read at each use. A tooltip's link says what it opens. */
  var ENGLISH = {"share.missing_place": "This page has no place named \u201c{id}\u201d: it opens at the top. The address may be mistyped or older than this edition.", "share.tooltip_document": "Go to {name}", "share.tooltip_instrument": "Open the instrument's page (official text, where it is recalled)", "share.tooltip_term": "Open the glossary entry"};
  function word(key, values) {
    var words = ENGLISH;
    var holder = document.querySelector("[data-interface-words]");
    if (holder) {
      try { words = JSON.parse(holder.getAttribute("data-interface-words")); } catch (e) { words = ENGLISH; }
    }
    var text = words[key] || ENGLISH[key];
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
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
      more.textContent = el.classList.contains("term") ? word("share.tooltip_term")
        : el.classList.contains("document") ? word("share.tooltip_document", { name: text(el) }) : word("share.tooltip_instrument");
      t.appendChild(document.createTextNode(" "));
      t.appendChild(more);
    }
    if (owner && owner !== el) owner.removeAttribute("aria-describedby");
    owner = el;
    el.setAttribute("aria-describedby", t.id);
    t.hidden = false;
    place(el, t);
  }

  /* Under the term, or above it when there is no room below: the tooltip stays on screen. */
  function place(el, t) {
    var r = el.getBoundingClientRect();
    var width = t.offsetWidth;
    var height = t.offsetHeight;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    var below = r.bottom + 6;
    var above = r.top - 6 - height;
    var top = below + height > window.innerHeight - 8 && above >= 8 ? above : below;
    t.style.left = left + "px";
    t.style.top = top + window.scrollY + "px";
    t.setAttribute("data-side", top === above ? "above" : "below");
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
  /* A reference to another text's paragraph names its target in its own words
     ("paragraph 21 of the Council conclusions of ..."): a tap follows it at once. */
  function followsOnTap(el) { return el.classList.contains("document"); }

  document.addEventListener("focusin", function (e) {
    var el = target(e);
    if (el && lastPointer === "touch" && followsOnTap(el)) return;
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
    if (followsOnTap(el)) { hide(); return; }
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
  /* A page swapped in by instant navigation starts with no tooltip open. */
  if (typeof window.document$ !== "undefined") window.document$.subscribe(hide);

  /* A link to a place on another page ("Read paragraph 21 in the full text") lands on that
     place. Material's instant navigation scrolls to the place only while the new page's
     history entry has no state, but its own scroll tracker writes the last scroll offset into
     that entry 100 ms after any scroll, and when that happens before the page arrives (a
     reader who scrolled just before tapping, or while it loads) the new page opens at the old
     page's offset, unhighlighted. So the place a link was followed to is noted here, and once
     the page is in, the browser is sent to it again (the way Material itself does) if it is
     not the target yet. Only for followed links: back and forward keep their offsets. */
  var arriving = "";
  document.addEventListener("click", function (e) {
    var a = e.target instanceof Element ? e.target.closest("a[href]") : null;
    arriving = "";
    if (!a) return;
    var url = new URL(a.href, window.location.href);
    if (url.origin === window.location.origin && url.hash && url.pathname !== window.location.pathname) {
      arriving = url.pathname + url.hash;
    }
  }, true);
  function land() {
    var place = arriving;
    arriving = "";
    if (!place || window.location.pathname + window.location.hash !== place) return;
    var el = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (!el || el.matches(":target")) return;
    var go = document.createElement("a");
    go.href = window.location.hash;
    go.addEventListener("click", function (e) { e.stopPropagation(); });
    go.click();
  }
  /* After Material's own handling of the new page, which runs on the same notice. */
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(function () { setTimeout(land, 0); });
  }

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

  /* An address whose fragment names nothing on the page ("/glossary/#sda" where the glossary
     has no SDA) would open at the top in silence: a notice says so, in a status region that
     assistive technology reads out. The collection's home sends such fragments on instead
     (followMovedAnchor), so it is left to that. */
  function noticeMissingPlace() {
    var old = document.getElementById("missing-place");
    if (old) old.parentNode.removeChild(old);
    var id = decodeURIComponent(window.location.hash.slice(1));
    var article = document.querySelector("article.md-content__inner");
    if (!id || !article || document.getElementById(id) || document.querySelector("[data-moved-anchors]")) return;
    var note = document.createElement("p");
    note.id = "missing-place";
    note.className = "missing-place";
    note.setAttribute("role", "status");
    article.insertBefore(note, article.firstChild);
    /* Written once the region is in the page, so that it is announced. */
    window.requestAnimationFrame(function () { note.textContent = word("share.missing_place", { id: id }); });
  }
  window.addEventListener("hashchange", noticeMissingPlace);
  if (typeof window.document$ !== "undefined") window.document$.subscribe(noticeMissingPlace);
  else noticeMissingPlace();

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
