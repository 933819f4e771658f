/* kansli.js – progressive enhancement only: every page works fully without it.
 *
 * 1. A menu button for the main navigation on narrow screens.
 * 2. Wide tables that scroll sideways become focusable, so keyboards can scroll them.
 * 3. The decisions page: filter by several facets at once in the browser, from the
 *    JSON list of all decisions (data-decisions), with the count in a live region.
 * 4. The search page: Pagefind's UI in #sok.
 *
 * No request leaves the site; texts come from data-* attributes written by the templates.
 */
(function () {
  "use strict";

  var doc = document;
  doc.documentElement.classList.add("js");

  function safely(fn) {
    try {
      fn();
    } catch (e) {
      if (window.console && console.warn) console.warn("kansli.js:", e);
    }
  }

  /* 1. Menu ------------------------------------------------------------------ */

  function initMenu() {
    var nav = doc.querySelector(".main-nav");
    var list = nav && nav.querySelector("ul");
    if (!list) return;
    if (!list.id) list.id = "huvudmeny-lankar";
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "menu-toggle";
    button.textContent = nav.getAttribute("data-menu-label") || "Meny";
    button.setAttribute("aria-controls", list.id);
    nav.insertBefore(button, list);

    function setOpen(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) list.removeAttribute("data-collapsed");
      else list.setAttribute("data-collapsed", "");
    }
    setOpen(false);
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true" && button.offsetParent !== null) {
        setOpen(false);
        button.focus();
      }
    });
  }

  /* 2. Scrolling tables ------------------------------------------------------- */

  function initTables() {
    var wraps = doc.querySelectorAll(".table-wrap");
    if (!wraps.length) return;
    function update() {
      for (var i = 0; i < wraps.length; i++) {
        var wrap = wraps[i];
        if (wrap.scrollWidth > wrap.clientWidth + 1) {
          var caption = wrap.querySelector("caption");
          wrap.setAttribute("tabindex", "0");
          wrap.setAttribute("role", "region");
          if (caption) wrap.setAttribute("aria-label", caption.textContent.trim());
        } else if (wrap.hasAttribute("tabindex")) {
          wrap.removeAttribute("tabindex");
          wrap.removeAttribute("role");
          wrap.removeAttribute("aria-label");
        }
      }
    }
    update();
    var timer;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 150);
    });
  }

  /* 3. Decisions: several facets at once ------------------------------------- */

  // Facet keys (in the templates) and the DecisionRow fields they filter on.
  var FIELDS = { organ: "body_key", ar: "year", mal: "goals", omrade: "areas", kommun: "municipalities" };
  var PAGE_SIZE = 50;

  function el(tag, className, text) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function initDecisions() {
    var box = doc.querySelector("[data-decisions]");
    if (!box || !window.fetch) return;
    fetch(box.getAttribute("data-decisions"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (rows) {
        if (Array.isArray(rows)) safely(function () { enhanceDecisions(box, rows); });
      })
      .catch(function (e) {
        // The pre-rendered facet links and pages keep working.
        if (window.console && console.warn) console.warn("kansli.js: decisions not loaded:", e);
      });
  }

  function enhanceDecisions(box, rows) {
    var text = function (name, fallback) {
      var v = box.getAttribute("data-text-" + name);
      return v === null ? fallback : v;
    };
    var root = box.getAttribute("data-root") || "";
    var paragraph = box.getAttribute("data-paragraph") || "§";
    var results = box.querySelector(".results");
    var status = box.querySelector(".result-count");
    if (!results || !status) return;

    // Checkboxes in place of the facet links.
    var boxes = [];
    var facets = box.querySelectorAll(".facet[data-facet]");
    for (var f = 0; f < facets.length; f++) {
      var facet = facets[f];
      var key = facet.getAttribute("data-facet");
      if (!FIELDS[key]) continue;
      var heading = facet.querySelector(".facet-label");
      var links = facet.querySelectorAll("a[data-value]");
      var fieldset = el("fieldset");
      fieldset.appendChild(el("legend", null, heading ? heading.textContent : key));
      for (var i = 0; i < links.length; i++) {
        var link = links[i];
        var id = "filter-" + key + "-" + i;
        var input = el("input");
        input.type = "checkbox";
        input.id = id;
        input.value = link.getAttribute("data-value");
        input.setAttribute("data-facet", key);
        if (link.hasAttribute("aria-current")) input.checked = true;
        var label = el("label");
        label.htmlFor = id;
        label.appendChild(input);
        var span = el("span", null, link.getAttribute("data-label") + " ");
        span.appendChild(el("span", "count", "(" + link.getAttribute("data-count") + ")"));
        label.appendChild(span);
        fieldset.appendChild(label);
        boxes.push(input);
      }
      facet.textContent = "";
      facet.appendChild(fieldset);
    }
    if (!boxes.length) return;

    var facetsSection = box.querySelector(".facets");
    var clear = el("button", "secondary", text("clear", "Rensa filter"));
    clear.type = "button";
    facetsSection.appendChild(clear);

    // The list the page had (or a new one), without pagination.
    var list = results.querySelector(".decision-list");
    var emptyNote = results.querySelector(".empty");
    if (!list) {
      list = el("ol", "decision-list");
      results.insertBefore(list, emptyNote || null);
    }
    if (!emptyNote) {
      emptyNote = el("p", "empty", text("none", ""));
      results.insertBefore(emptyNote, list.nextSibling);
    }
    var pagination = results.querySelector(".pagination");
    if (pagination) pagination.hidden = true;
    var more = el("button", "secondary more-button", text("more", "Visa fler"));
    more.type = "button";
    results.appendChild(more);

    var matching = [];
    var shown = 0;

    function selected() {
      var sel = {};
      for (var i = 0; i < boxes.length; i++) {
        if (!boxes[i].checked) continue;
        var key = boxes[i].getAttribute("data-facet");
        (sel[key] = sel[key] || []).push(boxes[i].value);
      }
      return sel;
    }

    function matches(row, sel) {
      for (var key in sel) {
        if (!Object.prototype.hasOwnProperty.call(sel, key)) continue;
        var value = row[FIELDS[key]];
        var values = Array.isArray(value) ? value.map(String) : [String(value)];
        var any = false;
        for (var i = 0; i < sel[key].length && !any; i++) any = values.indexOf(sel[key][i]) !== -1;
        if (!any) return false;
      }
      return true;
    }

    function rowNode(row) {
      var li = el("li", "decision-row");
      var meta = el("p", "row-meta");
      var time = el("time", null, row.date && row.date.medium);
      if (row.date && row.date.iso) time.setAttribute("datetime", row.date.iso);
      meta.appendChild(time);
      meta.appendChild(el("span", "sep", " · "));
      if (row.body && row.body.href) {
        var body = el("a", null, row.body.label);
        body.href = root + row.body.href;
        meta.appendChild(body);
      } else if (row.body) {
        meta.appendChild(doc.createTextNode(row.body.label));
      }
      meta.appendChild(el("span", "sep", " · "));
      meta.appendChild(doc.createTextNode(paragraph + "\u00a0" + row.number));
      li.appendChild(meta);
      var h = el("h3", "row-title");
      var a = el("a", null, row.title);
      a.href = root + row.href;
      h.appendChild(a);
      li.appendChild(h);
      if (row.decision_html) {
        var decision = el("div", "row-decision");
        // Built by kansli from Markdown with raw HTML disabled: safe.
        decision.innerHTML = row.decision_html;
        li.appendChild(decision);
      }
      return li;
    }

    function showMore() {
      var end = Math.min(matching.length, shown + PAGE_SIZE);
      var fragment = doc.createDocumentFragment();
      for (; shown < end; shown++) fragment.appendChild(rowNode(matching[shown]));
      list.appendChild(fragment);
      more.hidden = shown >= matching.length;
    }

    function countText(filtered) {
      var n = matching.length;
      var noun = n === 1 ? text("one", "beslut") : text("many", "beslut");
      if (!filtered) return n + " " + noun;
      var total = rows.length;
      var totalNoun = total === 1 ? text("one", "beslut") : text("many", "beslut");
      return text("showing", "Visar") + " " + n + " " + text("of", "av") + " " + total + " " + totalNoun;
    }

    function render() {
      var sel = selected();
      var filtered = Object.keys(sel).length > 0;
      matching = rows.filter(function (row) { return matches(row, sel); });
      list.textContent = "";
      shown = 0;
      showMore();
      list.hidden = matching.length === 0;
      emptyNote.hidden = matching.length !== 0;
      status.textContent = countText(filtered);
      clear.hidden = !filtered;
    }

    for (var b = 0; b < boxes.length; b++) boxes[b].addEventListener("change", render);
    clear.addEventListener("click", function () {
      for (var i = 0; i < boxes.length; i++) boxes[i].checked = false;
      render();
      if (boxes[0]) boxes[0].focus();
    });
    more.addEventListener("click", function () {
      var first = shown;
      showMore();
      var next = list.children[first];
      var link = next && next.querySelector(".row-title a");
      if (link) link.focus();
    });
    render();
  }

  /* 4. Search ------------------------------------------------------------------ */

  function initSearch() {
    var container = doc.getElementById("sok");
    if (!container || typeof window.PagefindUI !== "function") return;
    var query = "";
    try {
      query = new URLSearchParams(window.location.search).get("q") || "";
    } catch (e) {
      query = "";
    }
    container.textContent = "";
    // Results link from the site root, which may be a sub-path of the host.
    var baseUrl = "/";
    try {
      baseUrl = new URL(container.getAttribute("data-root") || "./", window.location.href).pathname;
    } catch (e) {
      baseUrl = "/";
    }
    var ui = new window.PagefindUI({ element: "#sok", showSubResults: true, showImages: false, baseUrl: baseUrl });
    // A visible label for Pagefind's input (it only has a placeholder and a title).
    var input = container.querySelector("input");
    var labelText = container.getAttribute("data-search-label");
    if (input && labelText) {
      input.id = input.id || "sok-fraga";
      var label = doc.createElement("label");
      label.className = "search-label";
      label.htmlFor = input.id;
      label.textContent = labelText;
      container.insertBefore(label, container.firstChild);
    }
    if (query && ui && typeof ui.triggerSearch === "function") ui.triggerSearch(query);
    var fallback = doc.getElementById("sok-utan-js");
    if (fallback) fallback.hidden = true;
  }

  safely(initMenu);
  safely(initTables);
  safely(initDecisions);
  safely(initSearch);
})();
