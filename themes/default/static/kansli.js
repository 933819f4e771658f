/* kansli.js – progressive enhancement only: every page works fully without it.
 *
 * 1. A menu button for the main navigation on narrow screens.
 * 2. Wide tables that scroll sideways become focusable, so keyboards can scroll them.
 * 3. The decisions page: filter by several facets at once in the browser, from the
 *    JSON list of all decisions (data-decisions), with the count in a live region and
 *    the selection in the address (?organ=…&ar=…), which Back and shared links keep.
 * 4. The search page: searches the static index in sok/data/ (src/render/search.rs)
 *    and lists the hits in #sok, with the matching words marked.
 *
 * No request leaves the site; texts come from data-* attributes written by the templates.
 */
(function () {
  "use strict";

  // Without a document (Node, in tests/search/stem.test.js) only the search's word
  // functions are defined and exported.
  var doc = typeof document === "undefined" ? null : document;
  if (doc) doc.documentElement.classList.add("js");

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

  // Revalidated with the server every time ("no-cache"): the data changes with each build
  // under the same name, and a cached copy must not outlive it.
  function getJson(url) {
    return fetch(url, { credentials: "same-origin", cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  function initDecisions() {
    var box = doc.querySelector("[data-decisions]");
    if (!box || !window.fetch || !window.Promise) return;
    var facetsUrl = box.getAttribute("data-facets");
    // All values of every facet (a menu may show only some); without them, the menu's.
    var facets = facetsUrl ? getJson(facetsUrl).catch(function () { return null; }) : Promise.resolve(null);
    Promise.all([getJson(box.getAttribute("data-decisions")), facets])
      .then(function (data) {
        if (Array.isArray(data[0])) safely(function () { enhanceDecisions(box, data[0], data[1]); });
      })
      .catch(function (e) {
        // The pre-rendered facet links and pages keep working.
        if (window.console && console.warn) console.warn("kansli.js: decisions not loaded:", e);
      });
  }

  // A facet's values as {value, label, count}: from the facets data when it has the
  // facet, else from the menu's links.
  function facetOptions(facet, key, all) {
    if (Array.isArray(all)) {
      for (var k = 0; k < all.length; k++) {
        if (all[k] && all[k].key === key && Array.isArray(all[k].options)) return all[k].options;
      }
    }
    var links = facet.querySelectorAll("a[data-value]");
    var out = [];
    for (var i = 0; i < links.length; i++) {
      out.push({
        value: links[i].getAttribute("data-value"),
        label: links[i].getAttribute("data-label"),
        count: links[i].getAttribute("data-count")
      });
    }
    return out;
  }

  function enhanceDecisions(box, rows, allFacets) {
    var text = function (name, fallback) {
      var v = box.getAttribute("data-text-" + name);
      return v === null ? fallback : v;
    };
    var root = box.getAttribute("data-root") || "";
    var results = box.querySelector(".results");
    var status = box.querySelector(".result-count");
    if (!results || !status) return;

    // The selection a link or Back brought (`?organ=…&ar=…`), which replaces the page's own.
    var asked = {};
    var query = window.location.search.replace(/^\?/, "").split("&");
    for (var q = 0; q < query.length; q++) {
      var pair = query[q].split("=");
      var name = decodeURIComponent(pair[0] || "");
      if (FIELDS[name] && pair.length === 2) {
        (asked[name] = asked[name] || []).push(decodeURIComponent(pair[1].replace(/\+/g, " ")));
      }
    }
    // "?alla": every box cleared on a facet's page.
    var fromAddress = Object.keys(asked).length > 0 || query.indexOf("alla") !== -1;
    // The page's own selection (a facet's page): its heading, title and note hold while
    // the selection is that one.
    var own = {};

    // Checkboxes in place of the facet links; each box's count of decisions, kept current.
    var boxes = [];
    var counts = [];
    var facets = box.querySelectorAll(".facet[data-facet]");
    for (var f = 0; f < facets.length; f++) {
      var facet = facets[f];
      var key = facet.getAttribute("data-facet");
      if (!FIELDS[key]) continue;
      var heading = facet.querySelector(".facet-label");
      var current = facet.querySelector("a[aria-current]");
      var currentValue = current ? current.getAttribute("data-value") : null;
      if (currentValue !== null) own[key] = [currentValue];
      var options = facetOptions(facet, key, allFacets);
      // A menu that showed only some values gets all of them, in a box of its own height.
      var fieldset = el("fieldset", facet.querySelector(".facet-more") ? "many" : null);
      fieldset.appendChild(el("legend", null, heading ? heading.textContent : key));
      // What the values mean, when the menu says (the municipalities'), stays with them.
      var note = facet.querySelector(".facet-note");
      if (note) fieldset.appendChild(note);
      for (var i = 0; i < options.length; i++) {
        var option = options[i];
        var id = "filter-" + key + "-" + i;
        var input = el("input");
        input.type = "checkbox";
        input.id = id;
        input.value = String(option.value);
        input.setAttribute("data-facet", key);
        input.checked = fromAddress
          ? (asked[key] || []).indexOf(input.value) !== -1
          : input.value === currentValue;
        var label = el("label");
        label.htmlFor = id;
        label.appendChild(input);
        var span = el("span", null, option.label + " ");
        var count = el("span", "count", "(" + option.count + ")");
        span.appendChild(count);
        label.appendChild(span);
        fieldset.appendChild(label);
        boxes.push(input);
        counts.push(count);
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
    var h1 = doc.querySelector("main h1");
    var ownHeading = h1 ? h1.textContent : "";
    var ownTitle = doc.title;
    var ownNote = doc.querySelector(".filter-current");

    // The same facets with the same values.
    function same(a, b) {
      var keys = Object.keys(a);
      if (keys.length !== Object.keys(b).length) return false;
      for (var i = 0; i < keys.length; i++) {
        var x = a[keys[i]], y = b[keys[i]];
        if (!y || x.length !== y.length) return false;
        for (var j = 0; j < x.length; j++) if (y.indexOf(x[j]) === -1) return false;
      }
      return true;
    }

    // The heading, title and note say what the list shows: the page's own, or all
    // decisions with the checked boxes as the selection.
    function describe(sel) {
      var isOwn = same(sel, own);
      var heading = isOwn ? ownHeading : text("heading", ownHeading);
      if (h1) h1.textContent = heading;
      doc.title = isOwn ? ownTitle : ownTitle.replace(ownHeading, heading);
      if (ownNote) ownNote.hidden = !isOwn;
    }

    // The selection in the address, so that Back and a copied link bring it back.
    function remember(sel) {
      if (!window.history || !history.replaceState) return;
      var parts = [];
      for (var key in FIELDS) {
        if (!Object.prototype.hasOwnProperty.call(FIELDS, key) || !sel[key]) continue;
        for (var i = 0; i < sel[key].length; i++) {
          parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(sel[key][i]));
        }
      }
      var search = same(sel, own) ? "" : "?" + (parts.length ? parts.join("&") : "alla");
      history.replaceState(history.state, "", window.location.pathname + search + window.location.hash);
    }

    function selected() {
      var sel = {};
      for (var i = 0; i < boxes.length; i++) {
        if (!boxes[i].checked) continue;
        var key = boxes[i].getAttribute("data-facet");
        (sel[key] = sel[key] || []).push(boxes[i].value);
      }
      return sel;
    }

    // A row's values of each facet, as strings, made once: every change reads them all.
    var facetValues = rows.map(function (row) {
      var values = {};
      for (var key in FIELDS) {
        if (!Object.prototype.hasOwnProperty.call(FIELDS, key)) continue;
        var value = row[FIELDS[key]];
        values[key] = Array.isArray(value) ? value.map(String) : [String(value)];
      }
      return values;
    });
    rows.forEach(function (row, i) { row.facetIndex = i; });
    function valuesOf(row, key) {
      return facetValues[row.facetIndex][key];
    }

    // Whether a row has one of the values checked in one facet.
    function matchesFacet(row, key, wanted) {
      var values = valuesOf(row, key);
      for (var i = 0; i < wanted.length; i++) if (values.indexOf(wanted[i]) !== -1) return true;
      return false;
    }

    function matches(row, sel) {
      for (var key in sel) {
        if (Object.prototype.hasOwnProperty.call(sel, key) && !matchesFacet(row, key, sel[key])) return false;
      }
      return true;
    }

    // Each box's count: the decisions the list would show with it checked too, given
    // the other facets' boxes (within a facet, checked values add up). One pass: a row
    // that misses one facet counts only for that facet's values, one that misses two
    // counts for none. A box at (0) leads nowhere.
    function updateCounts(sel) {
      var found = {};
      for (var r = 0; r < rows.length; r++) {
        var missed = null;
        var misses = 0;
        for (var key in sel) {
          if (!Object.prototype.hasOwnProperty.call(sel, key) || matchesFacet(rows[r], key, sel[key])) continue;
          missed = key;
          if (++misses > 1) break;
        }
        if (misses > 1) continue;
        for (var k in FIELDS) {
          if (!Object.prototype.hasOwnProperty.call(FIELDS, k) || (misses === 1 && k !== missed)) continue;
          var values = valuesOf(rows[r], k);
          for (var v = 0; v < values.length; v++) {
            var id = k + "\u0000" + values[v];
            found[id] = (found[id] || 0) + 1;
          }
        }
      }
      for (var i = 0; i < boxes.length; i++) {
        var n = found[boxes[i].getAttribute("data-facet") + "\u0000" + boxes[i].value] || 0;
        counts[i].textContent = "(" + n + ")";
      }
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
      meta.appendChild(doc.createTextNode(row.number));
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
      updateCounts(sel);
      describe(sel);
    }

    // A reader's change: the list, and the address.
    function changed() {
      render();
      remember(selected());
    }

    for (var b = 0; b < boxes.length; b++) boxes[b].addEventListener("change", changed);
    clear.addEventListener("click", function () {
      for (var i = 0; i < boxes.length; i++) boxes[i].checked = false;
      changed();
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

  // Words as the index has them (src/render/search.rs): NFC, lowercase, runs of letters
  // and digits; stop words (listed in meta.json), one-letter words and words longer than
  // 40 characters left out, numbers kept.
  var WORD;
  try {
    WORD = new RegExp("[\\p{Alphabetic}\\p{N}]+", "gu");
  } catch (e) {
    WORD = /[0-9a-zåäöéèüæøáàâêëïîôûçñ]+/gi; // browsers without Unicode properties
  }

  // The characters (code points) of a string.
  function chars(text) {
    return Array.from ? Array.from(text) : text.split("");
  }

  function searchWords(text, stop) {
    var normal = text.normalize ? text.normalize("NFC") : text;
    var found = normal.toLowerCase().match(WORD) || [];
    var out = [];
    for (var i = 0; i < found.length; i++) {
      var word = found[i];
      var length = chars(word).length;
      var numeric = /^[0-9]+$/.test(word);
      if (length > 40 || (length < 2 && !numeric) || stop[word]) continue;
      out.push(word);
    }
    return out;
  }

  // Snowball's Swedish stemmer (snowballstem.org, the version pagefind_stem 1.0 carries),
  // written from the algorithm; tests/fixtures/search/stems.json holds the pairs it must
  // give, the same as the build's.
  var STEM = (function () {
    var VOWELS = "aeiouyäåö";
    var S_ENDING = "bcdfghjklmnoprtvy";
    var OST_ENDING = "iklnprtuv";
    // Main suffixes and what to do: 1 delete, 2 the "s" rule, 3 the "et" rule.
    var MAIN = {
      a: 1, arna: 1, erna: 1, heterna: 1, orna: 1, ad: 1, e: 1, ade: 1, ande: 1, arne: 1, are: 1, aste: 1,
      en: 1, anden: 1, aren: 1, heten: 1, ern: 1, ar: 1, er: 1, heter: 1, or: 1, s: 2, as: 1, arnas: 1,
      ernas: 1, ornas: 1, es: 1, ades: 1, andes: 1, ens: 1, arens: 1, hetens: 1, erns: 1, at: 1, et: 3,
      andet: 1, het: 1, ast: 1
    };
    var ET_EXCEPTIONS = ["fab", "h", "pak", "rak", "stak", "kom", "iet", "cit", "dit", "alit", "ilit", "mit",
      "nit", "pit", "rit", "sit", "tit", "uit", "ivit", "kvit", "xit"];
    var PAIRS = { dd: 1, gd: 1, nn: 1, dt: 1, gt: 1, kt: 1, tt: 1 };
    var OTHER = { ig: 1, lig: 1, els: 1, fullt: 3, "öst": 2 };

    function vowel(c) { return c !== undefined && VOWELS.indexOf(c) !== -1; }

    // The longest suffix of w[from..] that `table` has.
    function longest(w, from, table, maxLength) {
      for (var n = Math.min(maxLength, w.length - from); n > 0; n--) {
        var suffix = w.slice(w.length - n).join("");
        if (Object.prototype.hasOwnProperty.call(table, suffix)) return suffix;
      }
      return null;
    }

    // "et" may go when a consonant after a vowel precedes it, with a letter before the
    // vowel, and the word before it does not end in one of the exceptions.
    function etCondition(w, at) {
      if (at < 3) return false;
      if (vowel(w[at - 1]) || !vowel(w[at - 2])) return false;
      var before = w.slice(0, at).join("");
      for (var i = 0; i < ET_EXCEPTIONS.length; i++) {
        var e = ET_EXCEPTIONS[i];
        if (before.length >= e.length && before.slice(before.length - e.length) === e) return false;
      }
      return true;
    }

    return function (word) {
      var w = chars(word);
      // R1: after the first non-vowel that follows a vowel, and at least 3 letters in.
      var p1 = w.length;
      if (w.length >= 3) {
        var i = 0;
        while (i < w.length && !vowel(w[i])) i++;
        if (i < w.length) {
          i++;
          while (i < w.length && vowel(w[i])) i++;
          if (i < w.length) p1 = Math.max(i + 1, 3);
        }
      }
      // Step 1: main suffixes.
      if (w.length >= p1) {
        var main = longest(w, p1, MAIN, 7);
        if (main !== null) {
          var at = w.length - main.length;
          var action = MAIN[main];
          if (action === 1) {
            w.length = at;
          } else if (action === 2) {
            if (at >= 2 && w[at - 2] === "e" && w[at - 1] === "t" && etCondition(w, at - 2)) {
              w.length = at - 2;
            } else if (at >= 1 && S_ENDING.indexOf(w[at - 1]) !== -1) {
              w.length = at;
            }
          } else if (etCondition(w, at)) {
            w.length = at;
          }
        }
      }
      // Step 2: a double consonant in R1 loses its last letter.
      if (w.length - 2 >= p1 && PAIRS[w[w.length - 2] + w[w.length - 1]]) w.length -= 1;
      // Step 3: other suffixes.
      if (w.length >= p1) {
        var other = longest(w, p1, OTHER, 5);
        if (other !== null) {
          var start = w.length - other.length;
          var kind = OTHER[other];
          if (kind === 1) {
            w.length = start;
          } else if (kind === 2) {
            if (start >= 1 && OST_ENDING.indexOf(w[start - 1]) !== -1) w.splice(start, 3, "ö", "s");
          } else {
            w.length = start;
            w.push("f", "u", "l", "l");
          }
        }
      }
      return w.join("");
    };
  })();

  // The stems a word of a query looks for: its own, and for a word in "-an" of at least
  // six letters also the stem without the "n". Snowball leaves the definite "-an" of a
  // noun in "-a", so "hälsan" ("hälsan") also looks for "hälsa" ("häls"), and "frågan"
  // for "fråga"; the index keeps Snowball's stems.
  function queryStems(word) {
    var stems = [STEM(word)];
    var c = chars(word);
    if (c.length >= 6 && c[c.length - 2] === "a" && c[c.length - 1] === "n") {
      var bare = STEM(c.slice(0, -1).join(""));
      if (bare !== stems[0]) stems.push(bare);
    }
    return stems;
  }

  // A prefix as the index names its shard file: UTF-8 in hexadecimal.
  function hexName(text) {
    var bytes = unescape(encodeURIComponent(text));
    var out = "";
    for (var i = 0; i < bytes.length; i++) out += ("0" + bytes.charCodeAt(i).toString(16)).slice(-2);
    return out;
  }

  // `meta.json` is revalidated with the server every time ("no-cache"); the shards it
  // lists are asked for with its version (`?v=`), so a cache never pairs files of two
  // builds, whose section ids would not match.
  function getJson(url, revalidate) {
    var options = { credentials: "same-origin" };
    if (revalidate) options.cache = "no-cache";
    return fetch(url, options).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + " " + url);
      return response.json();
    });
  }

  var HITS_SHOWN = 20;
  var EXACT = 1;
  var PREFIX = 0.7; // a stem that only starts with the last word counts less

  function initSearch() {
    var box = doc.getElementById("sok");
    if (!box || !window.fetch || !window.Promise) return;
    var text = function (name) { return box.getAttribute("data-text-" + name) || ""; };
    var base = box.getAttribute("data-index") || "";
    var root = box.getAttribute("data-root") || "";
    var form = box.querySelector("form");
    var input = box.querySelector("input[type=search]");
    var status = box.querySelector(".result-count");
    var list = box.querySelector(".search-results");
    var more = box.querySelector(".more-button");
    if (!form || !input || !status || !list || !more) return;
    var fallback = doc.getElementById("sok-utan-js");
    if (fallback) fallback.hidden = true;
    form.hidden = false;

    var meta = null;
    var shards = {};
    var chunks = {};
    function loadMeta() {
      if (!meta) {
        meta = getJson(base + "meta.json", true).then(function (m) {
          if (m.format !== 1) throw new Error("sökindexets format " + m.format);
          m.query = "?v=" + encodeURIComponent(m.version || "");
          m.stopSet = {};
          for (var i = 0; i < m.stop.length; i++) m.stopSet[m.stop[i]] = true;
          return m;
        });
        meta.catch(function () { meta = null; });
      }
      return meta;
    }
    function shard(m, key) {
      if (!shards[key]) {
        shards[key] = getJson(base + "t/" + hexName(key) + ".json" + m.query);
        shards[key].catch(function () { delete shards[key]; });
      }
      return shards[key];
    }
    function chunk(m, n) {
      if (!chunks[n]) {
        chunks[n] = getJson(base + "s/" + n + ".json" + m.query);
        chunks[n].catch(function () { delete chunks[n]; });
      }
      return chunks[n];
    }

    // The shards that can hold `stem`, or stems starting with it when `prefix`.
    function shardsFor(m, stem, prefix) {
      var best = null;
      var out = [];
      for (var i = 0; i < m.shards.length; i++) {
        var key = m.shards[i];
        if (stem.indexOf(key) === 0 && (best === null || key.length > best.length)) best = key;
        else if (prefix && key.indexOf(stem) === 0 && key.length > stem.length) out.push(key);
      }
      if (best !== null) out.push(best);
      return out;
    }

    // Section id → weight for one word of the query.
    function postings(m, term) {
      var keys = {};
      term.stems.forEach(function (stem, n) {
        shardsFor(m, stem, term.prefix && n === 0).forEach(function (key) { keys[key] = true; });
      });
      return Promise.all(Object.keys(keys).map(function (key) { return shard(m, key); })).then(function (maps) {
        var found = {};
        for (var s = 0; s < maps.length; s++) {
          var map = maps[s];
          for (var stem in map) {
            if (!Object.prototype.hasOwnProperty.call(map, stem)) continue;
            var factor = term.stems.indexOf(stem) !== -1 ? EXACT
              : term.prefix && stem.indexOf(term.stems[0]) === 0 ? PREFIX : 0;
            if (!factor) continue;
            var list = map[stem];
            var id = 0;
            for (var i = 0; i < list.length; i++) {
              id += Math.floor(list[i] / 8);
              var weight = (list[i] % 8) * factor;
              if (!(found[id] >= weight)) found[id] = weight;
            }
          }
        }
        return found;
      });
    }

    function search(query) {
      return loadMeta().then(function (m) {
        var words = searchWords(query, m.stopSet);
        var terms = words.map(function (word, i) {
          return { stems: queryStems(word), prefix: i === words.length - 1 && chars(word).length >= 3 };
        });
        if (!terms.length) return { terms: terms, hits: [] };
        return Promise.all(terms.map(function (t) { return postings(m, t); })).then(function (found) {
          // Every word must match; rarer words weigh more.
          var scores = null;
          for (var t = 0; t < found.length; t++) {
            var ids = Object.keys(found[t]);
            var idf = Math.log(1 + m.sections / Math.max(ids.length, 1));
            var next = {};
            for (var i = 0; i < ids.length; i++) {
              var id = ids[i];
              if (scores !== null && !(id in scores)) continue;
              var w = found[t][id];
              next[id] = (scores === null ? 0 : scores[id]) + idf * w / (w + 1.5);
            }
            scores = next;
          }
          var hits = Object.keys(scores).map(function (id) { return { id: +id, score: scores[id] }; });
          hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
          return { terms: terms, hits: hits };
        });
      });
    }

    // The excerpt as text with the matching words marked.
    function marked(excerpt, terms) {
      var fragment = doc.createDocumentFragment();
      var last = 0;
      var re = new RegExp(WORD.source, WORD.flags);
      var match;
      while ((match = re.exec(excerpt)) !== null) {
        var stem = STEM(match[0].toLowerCase());
        var hit = false;
        for (var i = 0; i < terms.length && !hit; i++) {
          for (var k = 0; k < terms[i].stems.length && !hit; k++) {
            var t = terms[i].stems[k];
            // The word itself, a word it starts (the last word of the query), or a
            // compound it ends ("kollektivtrafik" for "trafik", as the index lists it).
            hit = stem === t || (k === 0 && terms[i].prefix && stem.indexOf(t) === 0) ||
              (t.length >= 4 && stem.length > t.length + 2 && stem.slice(-t.length) === t);
          }
        }
        if (!hit) continue;
        fragment.appendChild(doc.createTextNode(excerpt.slice(last, match.index)));
        fragment.appendChild(el("mark", null, match[0]));
        last = match.index + match[0].length;
      }
      fragment.appendChild(doc.createTextNode(excerpt.slice(last)));
      return fragment;
    }

    function hitNode(row, terms) {
      var li = el("li", "search-hit");
      var h = el("h2", "hit-title");
      var a = el("a", null, row[2] || row[1]);
      a.href = root + row[0];
      h.appendChild(a);
      li.appendChild(h);
      if (row[2] && row[1] && row[2] !== row[1]) li.appendChild(el("p", "hit-page", row[1]));
      if (row[3]) {
        var p = el("p", "hit-excerpt");
        p.appendChild(marked(row[3], terms));
        li.appendChild(p);
      }
      return li;
    }

    var current = 0; // the latest search; older answers are dropped
    var result = null;
    var shown = 0;

    function showMore(focus) {
      if (!result) return Promise.resolve();
      var token = current;
      var next = result.hits.slice(shown, shown + HITS_SHOWN);
      return loadMeta().then(function (m) {
        var needed = {};
        next.forEach(function (hit) { needed[Math.floor(hit.id / m.chunk)] = true; });
        return Promise.all(Object.keys(needed).map(function (n) {
          return chunk(m, n).then(function (rows) { return [n, rows]; });
        })).then(function (loaded) {
          if (token !== current) return;
          var rows = {};
          loaded.forEach(function (pair) { rows[pair[0]] = pair[1]; });
          var fragment = doc.createDocumentFragment();
          var first = null;
          next.forEach(function (hit) {
            var row = rows[Math.floor(hit.id / m.chunk)][hit.id % m.chunk];
            if (!row) return;
            var node = hitNode(row, result.terms);
            if (!first) first = node;
            fragment.appendChild(node);
          });
          list.appendChild(fragment);
          shown += next.length;
          list.hidden = shown === 0;
          more.hidden = shown >= result.hits.length;
          if (focus && first) first.querySelector("a").focus();
        });
      });
    }

    function fill(template, n, query) {
      return template.replace("{n}", n).replace("{q}", query);
    }

    function run(query) {
      var token = ++current;
      query = query.trim();
      list.textContent = "";
      list.hidden = true;
      more.hidden = true;
      result = null;
      shown = 0;
      if (!query) {
        status.textContent = "";
        return;
      }
      status.textContent = text("loading");
      search(query)
        .then(function (found) {
          if (token !== current) return;
          if (!found.terms.length) {
            status.textContent = text("empty");
            return;
          }
          result = found;
          var n = found.hits.length;
          status.textContent = fill(text(n === 0 ? "none" : n === 1 ? "one" : "many"), n, query);
          return showMore(false);
        })
        .catch(function (e) {
          if (token !== current) return;
          status.textContent = text("error");
          if (window.console && console.warn) console.warn("kansli.js: search failed:", e);
        });
    }

    function remember(query) {
      try {
        var url = new URL(window.location.href);
        if (query) url.searchParams.set("q", query);
        else url.searchParams.delete("q");
        window.history.replaceState(null, "", url.toString());
      } catch (e) {
        // The address only records the query; searching works without it.
      }
    }

    var timer;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 250);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      remember(input.value.trim());
      run(input.value);
    });
    more.addEventListener("click", function () { showMore(true); });

    var query = "";
    try {
      query = new URLSearchParams(window.location.search).get("q") || "";
    } catch (e) {
      query = "";
    }
    if (query) {
      input.value = query;
      run(query);
    }
  }

  if (!doc) {
    if (typeof module === "object" && module.exports) module.exports = { stem: STEM, words: searchWords, queryStems: queryStems };
    return;
  }

  safely(initMenu);
  safely(initTables);
  safely(initDecisions);
  safely(initSearch);
})();
