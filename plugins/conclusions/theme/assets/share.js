/* "Copy link" and "Cite", one menu beside every paragraph and recital number, and the 404 jump box.
 *
 * Progressive enhancement: the buttons are in the HTML but shown only on scripted pages
 * (a class set in <head>, so nothing shifts); without JavaScript the paragraph number is the
 * permalink and the 404 page links to the full text. The citation comes from the page
 * (data-cite, written by the plugin from the document's header) and the address from the
 * item's path on the published site, so a copy made on a local or preview server still names
 * the published URL. Clicks are delegated to the document: Material's instant page swaps
 * need no re-binding.
 */
(function () {
  "use strict";

  /* The interface words: English here; a page in another language (or whose site replaced
     them) carries its own in data-interface-words (theme/main.html), read at each use, so
     that instant navigation to a page of another language takes its words. */
  var ENGLISH = {"share.clause": "clause {verb}", "share.copied_citation": "Copied citation of {name}", "share.copied_link": "Copied link to {name}", "share.could_not_copy": "Could not copy. {text}", "share.jump_range": "Enter a paragraph number from {min} to {max}."};
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

  /* The item's canonical address: its path (data-path, from the plugin) on the published
     site (data-site-url, from the template), whatever server the page was opened from. */
  function permalink(item) {
    var holder = item.closest("article") || document;
    var marker = holder.querySelector(".share-page[data-site-url]");
    var path = item.getAttribute("data-path");
    if (marker && path !== null && marker.getAttribute("data-site-url")) {
      return new URL(path, marker.getAttribute("data-site-url")).href;
    }
    return new URL(item.querySelector("a.pnum").getAttribute("href"), window.location.href).href;
  }

  function label(item) {
    var title = item.querySelector("a.pnum").getAttribute("title") || "";
    return title.split(":")[0].trim();
  }

  function showJump() {
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

  /* The place inside `item` that the address targets, if any: a point (its marker was
     followed, paragraphs/12/#b-iii) or a clause (paragraphs/21/#invites, or p21-invites on
     the full text). "Copy link", "Cite" and the printed citation then name that place.
     Returns its anchor on the item's own page and how a citation names it. */
  function targetPlace(item) {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var place = id ? document.getElementById(id) : null;
    if (!place || place === item || !item.contains(place)) return null;
    if (place.matches("li[data-point]")) {
      return { anchor: place.getAttribute("data-point"), pinpoint: place.getAttribute("data-pinpoint") };
    }
    if (place.matches(".clause")) {
      var own = id.indexOf(item.id + "-") === 0 ? id.slice(item.id.length + 1) : id;
      var verb = place.querySelector(".verb");
      return { anchor: own, pinpoint: word("share.clause", { verb: verb ? verb.textContent.trim() : own }) };
    }
    return null;
  }

  /* What "Copy link" and "Cite" give for `item`, at the place the reader arrived at. */
  function shared(item) {
    var url = permalink(item);
    var name = label(item);
    var cite = item.getAttribute("data-cite");
    var place = targetPlace(item);
    if (place) {
      url += "#" + place.anchor;
      name += ", " + place.pinpoint;
      cite += ", " + place.pinpoint;
    }
    return { url: url, name: name, citation: cite + ", " + url + "." };
  }

  /* The printed "Cite as" of a paragraph's or recital's page names the same place. */
  function printedCitation() {
    var aside = document.querySelector(".share-print");
    var item = document.querySelector(ITEMS);
    if (!aside || !item) return;
    var now = shared(item);
    var cite = aside.querySelector(".share-print__cite");
    var online = aside.querySelector(".share-print__url");
    if (cite) {
      cite.textContent = now.citation.slice(0, now.citation.length - now.url.length - 1);
      addressInto(cite, now.url);
      cite.appendChild(document.createTextNode("."));
    }
    if (online) {
      online.textContent = "";
      addressInto(online, now.url);
    }
  }

  /* An address a line may break only after a slash (as partials/address.html writes it): a
     break after a hyphen would change the address typed again from paper. */
  function addressInto(parent, url) {
    var whole = document.createElement("span");
    whole.className = "address";
    url.split("/").forEach(function (part, i, parts) {
      var span = document.createElement("span");
      span.className = "address__part";
      span.textContent = part;
      whole.appendChild(span);
      if (i < parts.length - 1) {
        whole.appendChild(document.createTextNode("/"));
        whole.appendChild(document.createElement("wbr"));
      }
    });
    parent.appendChild(whole);
  }

  /* One control per item: a button in the margin opens a small menu of "Copy link" and
     "Cite" (a disclosure). Opening it moves focus to its first action; Escape, a click
     elsewhere or a copy closes it, and Escape gives focus back to the button. */
  function menuOf(toggle) { return toggle.parentNode.querySelector(".share-menu"); }

  function closeMenus(except) {
    var open = document.querySelectorAll("button.share-toggle[aria-expanded=true]");
    for (var i = 0; i < open.length; i++) {
      if (open[i] === except) continue;
      open[i].setAttribute("aria-expanded", "false");
      menuOf(open[i]).hidden = true;
    }
  }

  document.addEventListener("click", function (event) {
    var t = event.target.closest && event.target.closest("button.share-toggle");
    if (t) {
      var opening = t.getAttribute("aria-expanded") !== "true";
      closeMenus(t);
      t.setAttribute("aria-expanded", opening ? "true" : "false");
      menuOf(t).hidden = !opening;
      if (opening) menuOf(t).querySelector("button").focus();
      return;
    }
    if (!(event.target.closest && event.target.closest(".share-menu"))) closeMenus(null);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var menu = event.target.closest && event.target.closest(".share-menu");
    closeMenus(null);
    if (menu) menu.parentNode.querySelector("button.share-toggle").focus();
  });

  document.addEventListener("click", function (event) {
    var b = event.target.closest && event.target.closest("button.share-btn");
    if (!b) return;
    var tools = b.closest(".share-tools");
    var toggle = tools && tools.querySelector("button.share-toggle");
    if (toggle) {
      closeMenus(null);
      toggle.focus();
    }
    var item = b.closest(ITEMS);
    if (!item) return;
    var now = shared(item);
    var name = now.name;
    var kind = b.getAttribute("data-share");
    var text = kind === "cite" ? now.citation : now.url;
    var copied = kind === "cite" ? "share.copied_citation" : "share.copied_link";
    copy(text).then(
      function () { announce(word(copied, { name: name })); },
      function () { announce(word("share.could_not_copy", { text: text })); }
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
      input.setCustomValidity(word("share.jump_range", { min: min, max: max }));
      input.reportValidity();
      input.setCustomValidity("");
      return;
    }
    window.location.href = form.getAttribute("data-jump") + n + "/";
  });

  window.addEventListener("hashchange", printedCitation);
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(function () { showJump(); printedCitation(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { showJump(); printedCitation(); });
  } else {
    showJump();
    printedCitation();
  }
})();
