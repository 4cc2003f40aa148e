/*
 * The case-study index (/case-studies/): sort by any column, filter by facets and text.
 *
 * The page works without this script: a complete table, newest first. The script reads everything
 * from the page (facets in each row's data attributes, sort values in each cell's data-sort), shows
 * the hidden filter form, and keeps the state in the URL query so a filtered view can be shared:
 *
 *   ?q=<text>&org=<id>&role=<id>&collection=<id>&year=<yyyy|unknown>&practice=<id>&tag=<id>
 *   &sort=<date|organization|title|collection|role|status>&dir=<asc|desc>
 *
 * Material's instant navigation swaps pages without reloading scripts, so setup runs on every
 * page emitted by `document$`, and only where the table is.
 */
(function () {
  "use strict";

  var FACETS = ["org", "role", "collection", "year", "practice", "tag"];
  var DEFAULT_SORT = { key: "date", dir: "desc" };


  function fold(text) {
    // The same folding the generator applies to each row's data-q: lower case, no accents.
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function readState(form) {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "", sort: params.get("sort") || DEFAULT_SORT.key, dir: params.get("dir") || "" };
    FACETS.forEach(function (name) {
      var value = params.get(name) || "";
      var select = form.elements[name];
      // A value the page does not offer (an old link, a typo) is ignored rather than hiding every row.
      state[name] = select && Array.prototype.some.call(select.options, function (o) { return o.value === value; }) ? value : "";
    });
    if (state.dir !== "asc" && state.dir !== "desc") {
      state.dir = state.sort === DEFAULT_SORT.key ? DEFAULT_SORT.dir : "asc";
    }
    return state;
  }

  function writeState(state) {
    var params = new URLSearchParams(window.location.search);
    ["q"].concat(FACETS).forEach(function (name) {
      if (state[name]) params.set(name, state[name]);
      else params.delete(name);
    });
    if (state.sort === DEFAULT_SORT.key && state.dir === DEFAULT_SORT.dir) {
      params.delete("sort");
      params.delete("dir");
    } else {
      params.set("sort", state.sort);
      params.set("dir", state.dir);
    }
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    // replaceState: filtering is not navigation, so Back still leaves the page.
    window.history.replaceState(window.history.state, "", url);
  }

  function matches(row, state, words) {
    for (var i = 0; i < FACETS.length; i++) {
      var name = FACETS[i];
      if (!state[name]) continue;
      var values = (row.getAttribute("data-" + name) || "").split(" ");
      if (values.indexOf(state[name]) === -1) return false;
    }
    var text = row.getAttribute("data-q") || "";
    return words.every(function (word) { return text.indexOf(word) !== -1; });
  }

  function sortRows(table, state) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var column = headers.findIndex(function (th) { return th.getAttribute("data-sort-key") === state.sort; });
    if (column === -1) {
      state.sort = DEFAULT_SORT.key;
      state.dir = DEFAULT_SORT.dir;
      column = 0;
    }
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var sign = state.dir === "asc" ? 1 : -1;
    function key(row) {
      var cell = row.cells[column];
      return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : fold(cell.textContent);
    }
    rows.forEach(function (row, index) { row._smfIndex = index; });
    rows.sort(function (a, b) {
      var ka = key(a), kb = key(b);
      if (ka === kb) return a._smfIndex - b._smfIndex;
      if (!ka) return 1; // unknown values last, whichever the direction
      if (!kb) return -1;
      return sign * ka.localeCompare(kb, undefined, { numeric: true });
    });
    rows.forEach(function (row) { body.appendChild(row); });
    headers.forEach(function (th, index) {
      if (index === column) th.setAttribute("aria-sort", state.dir === "asc" ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  }

  function addSortButtons(table, onSort) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var key = th.getAttribute("data-sort-key");
      if (!key || th.querySelector("button")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "smf-sort";
      button.textContent = th.textContent;
      var icon = document.createElement("span");
      icon.className = "smf-sort__icon";
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { onSort(key); });
    });
  }

  function closeSiteSearch(state) {
    // Material opens its search box on any page whose address has ?q= (its own search links do),
    // and takes q out of the address when the box closes. Here q is the text filter: the box is
    // closed again, and the filter written back into the address, so a shared link stays shared.
    var toggle = document.getElementById("__search");
    if (!state.q || !toggle || !toggle.checked) return;
    var input = document.querySelector(".md-search__input");
    toggle.click();
    if (input) {
      input.value = "";
      input.blur();
    }
    window.setTimeout(function () { writeState(state); }, 0);
  }

  function setup(root) {
    var form = root.querySelector("[data-smf-case-filters]");
    var count = root.querySelector("[data-smf-case-count]");
    var table = root.querySelector("table");
    if (!form || !count || !table || !table.tBodies.length || root.hasAttribute("data-smf-ready")) return;
    root.setAttribute("data-smf-ready", "");

    var state = readState(form);
    var total = table.tBodies[0].rows.length;
    var announceTimer = null;

    function announce(shown) {
      // The status region is polite; typing waits for a pause so each keystroke is not read out.
      var text = shown === total ? "Showing all " + total + " case studies" : "Showing " + shown + " of " + total + " case studies";
      window.clearTimeout(announceTimer);
      announceTimer = window.setTimeout(function () { count.textContent = text; }, 400);
    }

    function apply(save) {
      var words = fold(state.q).split(" ").filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var visible = matches(row, state, words);
        row.hidden = !visible;
        if (visible) shown++;
      });
      sortRows(table, state);
      announce(shown);
      if (save) writeState(state);
    }

    form.elements.q.value = state.q;
    FACETS.forEach(function (name) { if (form.elements[name]) form.elements[name].value = state[name]; });
    addSortButtons(table, function (key) {
      state.dir = state.sort === key ? (state.dir === "asc" ? "desc" : "asc") : key === DEFAULT_SORT.key ? DEFAULT_SORT.dir : "asc";
      state.sort = key;
      apply(true);
    });
    // Selects fire "input" too, so one listener covers every control.
    form.addEventListener("input", function (event) {
      var name = event.target.name;
      if (name !== "q" && FACETS.indexOf(name) === -1) return;
      state[name] = event.target.value;
      apply(true);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      // After the browser has cleared the controls.
      window.setTimeout(function () {
        state.q = "";
        FACETS.forEach(function (name) { state[name] = ""; });
        apply(true);
      }, 0);
    });

    form.hidden = false;
    count.hidden = false;
    apply(false);
    closeSiteSearch(state);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".smf-case-index"), setup);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
