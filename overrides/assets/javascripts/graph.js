/* Citation graphs: find a record, zoom, fit, drag to move, filters, a second hop, and neighbour highlighting, on top
   of the build-time SVG. Without this file the SVG, its links, its legend and its text alternative work as they are.
   Runs on every page Material's instant navigation shows (document$), and only once per figure. */
(function () {
  "use strict";

  var MIN_ZOOM = 0.05;
  var MAX_ZOOM = 8;
  var STEP = 1.25;
  var XLINK = "http://www.w3.org/1999/xlink";
  var SVGNS = "http://www.w3.org/2000/svg";
  var KINDS = {
    "framework": "Framework", "stakeholder": "Stakeholder group", "recommendation": "Recommendation",
    "case-study": "Case study", "organization": "Organization", "reference": "Reference", "collection": "Collection"
  };

  function setUp(figure) {
    if (figure.dataset.smfReady) return;
    var viewport = figure.querySelector(".smf-graph__viewport");
    var svg = figure.querySelector("svg.smf-graph__svg");
    if (!viewport || !svg) return;
    figure.dataset.smfReady = "1";
    var graph = readGraph(svg);
    var view = {
      figure: figure, viewport: viewport, svg: svg, graph: graph,
      shown: svg.getAttribute("viewBox"), full: svg.dataset.full || svg.getAttribute("viewBox"),
      wide: false, far: false, folded: {}
    };
    view.zoom = zoomer(view);
    view.card = card(view);
    filters(view);
    if (figure.dataset.far) widen(view);
    finder(view);
    highlighter(view);
    dragger(viewport);
    linkFollower(view);
    focusFromAddress(view);
  }

  /* Nodes and edges as the SVG describes them: node number → element, edges with their two ends. */
  function readGraph(svg) {
    var nodes = {};
    var near = {};
    var byKey = {};
    svg.querySelectorAll("a.smf-n").forEach(function (a) {
      var kind = /\bsmf-n--([a-z-]+)/.exec(a.getAttribute("class"));
      a.dataset.kind = kind ? kind[1] : ""; // written as a class only, to keep each page light
      nodes[a.dataset.n] = a;
      near[a.dataset.n] = [];
      if (a.dataset.key) byKey[a.dataset.key] = a;
    });
    var edges = [];
    svg.querySelectorAll("path.smf-e").forEach(function (path) {
      var edge = { el: path, s: path.dataset.s, t: path.dataset.t, type: path.dataset.type };
      edges.push(edge);
      if (near[edge.s]) near[edge.s].push(edge);
      if (near[edge.t]) near[edge.t].push(edge);
    });
    return { nodes: nodes, edges: edges, near: near, byKey: byKey };
  }

  function nameOf(a) {
    var title = a.querySelector("title");
    var text = title ? title.textContent : "";
    var facts = text.lastIndexOf(" ("); // the title ends with "(Kind, cited N times)"
    return facts > 0 && /\)$/.test(text) && a.dataset.key && a.dataset.key.indexOf(":") < 0 ? text.slice(0, facts) : text;
  }

  function hrefOf(a) {
    return a.getAttributeNS(XLINK, "href") || a.getAttribute("href") || "";
  }

  function button(text, label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.title = label;
    b.addEventListener("click", onClick);
    return b;
  }

  /* Zoom scales the SVG inside its scrolling viewport, so panning stays native scrolling (arrow keys included).
     It opens at 100 %: one drawing unit is one CSS pixel, so names keep their 12 px on a phone too. */
  function zoomer(view) {
    var viewport = view.viewport;
    var svg = view.svg;
    var level = 1;
    var readout = document.createElement("span");
    readout.className = "smf-graph__zoom-level";
    readout.setAttribute("aria-live", "polite");

    function base() {
      var box = (view.wide ? view.full : view.shown).split(/\s+/).map(parseFloat);
      return { width: box[2], height: box[3] };
    }

    function apply(next, focusX, focusY) {
      next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, next));
      var size = base();
      var fx = focusX === undefined ? viewport.clientWidth / 2 : focusX;
      var fy = focusY === undefined ? viewport.clientHeight / 2 : focusY;
      var x = (viewport.scrollLeft + fx) / level;
      var y = (viewport.scrollTop + fy) / level;
      level = next;
      svg.style.width = size.width * level + "px";
      svg.style.height = size.height * level + "px";
      viewport.scrollLeft = x * level - fx;
      viewport.scrollTop = y * level - fy;
      readout.textContent = Math.round(level * 100) + "%";
    }

    /* The whole drawing inside the viewport, both ways; the viewport itself is at most the window's height. */
    function fit() {
      var size = base();
      var style = getComputedStyle(viewport);
      var border = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
      var room = Math.min(window.innerHeight * 0.8, window.innerHeight - 16) - border;
      var next = Math.min(viewport.clientWidth / size.width, room / size.height, 1);
      apply(Math.max(next, MIN_ZOOM), 0, 0);
      viewport.scrollLeft = 0;
      viewport.scrollTop = 0;
      var box = view.figure.getBoundingClientRect();
      if (box.top < 0 || viewport.getBoundingClientRect().bottom > window.innerHeight) viewport.scrollIntoView({ block: "nearest" });
    }

    var bar = document.createElement("div");
    bar.className = "smf-graph__controls";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Graph view");
    bar.append(
      button("+", "Zoom in", function () { apply(level * STEP); }),
      button("−", "Zoom out", function () { apply(level / STEP); }),
      button("Fit", "Fit the whole drawing in view", fit),
      button("1:1", "Actual size", function () { apply(1); }),
      readout
    );
    view.figure.insertBefore(bar, viewport);
    view.bar = bar;
    readout.textContent = "100%";

    viewport.addEventListener("wheel", function (event) {
      if (!event.ctrlKey && !event.metaKey) return; // a plain wheel scrolls the page as usual
      event.preventDefault();
      var box = viewport.getBoundingClientRect();
      apply(level * (event.deltaY < 0 ? STEP : 1 / STEP), event.clientX - box.left, event.clientY - box.top);
    }, { passive: false });
    viewport.addEventListener("keydown", function (event) {
      if (event.target !== viewport || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "+" || event.key === "=") apply(level * STEP);
      else if (event.key === "-") apply(level / STEP);
      else if (event.key === "0") fit();
      else return;
      event.preventDefault();
    });
    return {
      apply: apply,
      fit: fit,
      level: function () { return level; },
      /* Bring drawing point (x, y) to the middle of the viewport. */
      centre: function (x, y) {
        viewport.scrollLeft = x * level - viewport.clientWidth / 2;
        viewport.scrollTop = y * level - viewport.clientHeight / 2;
      }
    };
  }

  /* The drawing grows to show folded kinds or the second hop, and shrinks back when both are off. */
  function setWide(view, wide) {
    if (view.wide === wide) return;
    var before = view.svg.viewBox.baseVal;
    var x = before.x;
    var y = before.y;
    view.wide = wide;
    view.svg.setAttribute("viewBox", wide ? view.full : view.shown);
    view.zoom.apply(view.zoom.level());
    // Keep what the reader was looking at in place: the drawing grew (or shrank) around it.
    var after = view.svg.viewBox.baseVal;
    view.viewport.scrollLeft += (x - after.x) * view.zoom.level();
    view.viewport.scrollTop += (y - after.y) * view.zoom.level();
  }

  function updateWidth(view) {
    var anyFolded = Object.keys(view.folded).some(function (k) { return !view.folded[k]; });
    setWide(view, anyFolded || view.far);
  }

  /* A record page's second hop: drawn at build time but hidden; one checkbox shows it. */
  function widen(view) {
    var label = document.createElement("label");
    label.className = "smf-graph__hops";
    var box = document.createElement("input");
    box.type = "checkbox";
    box.addEventListener("change", function () { setFar(view, box.checked); });
    label.append(box, document.createTextNode(" Show records two links away"));
    view.bar.appendChild(label);
    view.farBox = box;
  }

  function setFar(view, on) {
    view.far = on;
    if (view.farBox) view.farBox.checked = on;
    view.svg.classList.toggle("is-wide", on);
    view.svg.querySelectorAll(".is-far").forEach(function (el) { el.classList.toggle("is-shown", on); });
    updateWidth(view);
  }

  /* Drag the background (or a node) to move around; a drag never follows the link it started on. */
  function dragger(viewport) {
    var start = null;
    var moved = false;
    viewport.classList.add("is-draggable");
    viewport.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 || event.pointerType === "touch") return; // touch scrolls natively
      start = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop, id: event.pointerId };
      moved = false;
    });
    viewport.addEventListener("pointermove", function (event) {
      if (!start) return;
      var dx = event.clientX - start.x;
      var dy = event.clientY - start.y;
      if (!moved && Math.abs(dx) + Math.abs(dy) < 5) return;
      if (!moved) {
        moved = true;
        viewport.classList.add("is-dragging");
        viewport.setPointerCapture(start.id);
      }
      viewport.scrollLeft = start.left - dx;
      viewport.scrollTop = start.top - dy;
    });
    function end() {
      start = null;
      viewport.classList.remove("is-dragging");
    }
    viewport.addEventListener("pointerup", end);
    viewport.addEventListener("pointercancel", end);
    viewport.addEventListener("click", function (event) {
      if (moved) {
        event.preventDefault();
        event.stopPropagation();
        moved = false;
      }
    }, true);
  }

  /* Material's instant navigation reads `a.href` as a string, which an SVG link does not have, so its click
     handler fails on them. Hand it an ordinary link to the same address instead (what Material itself does).
     On a touch screen the first tap on a record shows its card (name, kind, links); a second tap opens it. */
  function linkFollower(view) {
    var svg = view.svg;
    var touch = false;
    svg.addEventListener("pointerdown", function (event) { touch = event.pointerType === "touch" || event.pointerType === "pen"; });
    svg.addEventListener("click", function (event) {
      var a = event.target.closest && event.target.closest("a");
      if (!a || !svg.contains(a)) return;
      event.stopPropagation(); // keep the SVG link away from Material's handler in every case
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (touch && view.armed !== a) {
        view.focus(a, { scroll: false });
        view.armed = a;
        return;
      }
      follow(hrefOf(a));
    });
  }

  function follow(target) {
    if (!target) return;
    var link = document.createElement("a");
    link.href = new URL(target, location.href).href;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  /* The legend becomes the filter: one checkbox per kind of record and per kind of link. Folded kinds start unticked. */
  function filters(view) {
    var figure = view.figure;
    var graph = view.graph;
    var hiddenKinds = {};
    var hiddenTypes = {};

    function update() {
      Object.keys(graph.nodes).forEach(function (n) {
        var a = graph.nodes[n];
        var kind = a.dataset.kind;
        a.classList.toggle("is-hidden", !!hiddenKinds[kind]);
        if (kind in view.folded) a.classList.toggle("is-shown", !view.folded[kind]);
      });
      graph.edges.forEach(function (edge) {
        var s = graph.nodes[edge.s];
        var t = graph.nodes[edge.t];
        var hidden = hiddenTypes[edge.type] || isHidden(s) || isHidden(t);
        edge.el.classList.toggle("is-hidden", !!hidden);
        if (edge.el.classList.contains("is-folded")) edge.el.classList.toggle("is-shown", isShown(s) && isShown(t));
      });
      updateWidth(view);
    }
    view.update = update;
    view.unfold = function (kind) {
      if (!view.folded[kind]) return;
      var box = figure.querySelector('li[data-kind="' + kind + '"] input');
      if (box) box.checked = true;
      view.folded[kind] = false;
      update();
    };

    function checkboxes(selector, key, hidden, caption) {
      var items = figure.querySelectorAll(selector);
      items.forEach(function (li) {
        var value = li.dataset[key];
        var folded = !!li.dataset.folded;
        var box = document.createElement("input");
        box.type = "checkbox";
        box.checked = !folded;
        if (folded) view.folded[value] = true;
        box.addEventListener("change", function () {
          if (value in view.folded) view.folded[value] = !box.checked;
          else hidden[value] = !box.checked;
          update();
        });
        var label = document.createElement("label");
        while (li.firstChild) label.appendChild(li.firstChild);
        label.insertBefore(box, label.firstChild);
        li.appendChild(label);
      });
      var list = items.length ? items[0].parentNode : null;
      if (list) list.setAttribute("aria-label", caption);
    }

    checkboxes("li[data-kind]", "kind", hiddenKinds, "Show kinds of record");
    checkboxes("li[data-type]", "type", hiddenTypes, "Show kinds of link");
  }

  /* Drawn and not hidden by a filter, a fold or the second hop. */
  function isShown(el) {
    if (!el || el.classList.contains("is-hidden")) return false;
    if ((el.classList.contains("is-folded") || el.classList.contains("is-far")) && !el.classList.contains("is-shown")) return false;
    return true;
  }

  function isHidden(el) {
    return !el || el.classList.contains("is-hidden");
  }

  /* The card under the drawing: the focused record's name, kind and links, and a link to open it. */
  function card(view) {
    var box = document.createElement("div");
    box.className = "smf-graph__card";
    box.hidden = true;
    box.setAttribute("aria-live", "polite");
    view.viewport.insertAdjacentElement("afterend", box);
    return box;
  }

  function fillCard(view, a) {
    var box = view.card;
    var graph = view.graph;
    box.textContent = "";
    var heading = document.createElement("p");
    heading.className = "smf-graph__card-title";
    var open = document.createElement("a");
    open.href = new URL(hrefOf(a), location.href).href;
    open.textContent = nameOf(a);
    heading.append(open, document.createTextNode(" · " + (KINDS[a.dataset.kind] || a.dataset.kind)));
    box.appendChild(heading);
    var links = (graph.near[a.dataset.n] || []).filter(function (edge) { return isShown(edge.el); });
    if (links.length) {
      var list = document.createElement("ul");
      links.slice(0, 12).forEach(function (edge) {
        var title = edge.el.querySelector("title");
        var li = document.createElement("li");
        li.textContent = title ? title.textContent : edge.type;
        list.appendChild(li);
      });
      if (links.length > 12) {
        var more = document.createElement("li");
        more.textContent = "and " + (links.length - 12) + " more links";
        list.appendChild(more);
      }
      box.appendChild(list);
    }
    box.hidden = false;
  }

  /* Hover, focus, tap or find a node: it, its neighbours and the links between them stand out; its name shows even when unlabelled. */
  function highlighter(view) {
    var svg = view.svg;
    var graph = view.graph;
    var marked = [];
    var tag = null;
    var pinned = null;

    function clear() {
      marked.forEach(function (el) { el.classList.remove("is-near"); });
      marked = [];
      svg.classList.remove("is-highlighting");
      if (tag) tag.remove();
      tag = null;
    }

    function mark(el) {
      el.classList.add("is-near");
      marked.push(el);
    }

    function show(a) {
      clear();
      mark(a);
      (graph.near[a.dataset.n] || []).forEach(function (edge) {
        if (!isShown(edge.el)) return;
        mark(edge.el);
        mark(graph.nodes[edge.s]);
        mark(graph.nodes[edge.t]);
      });
      svg.classList.add("is-highlighting");
      if (!a.querySelector(".smf-l")) nameTag(a);
    }

    function rest() {
      if (pinned && isShown(pinned)) show(pinned);
      else clear();
    }

    function nameTag(a) {
      var shape = a.querySelector("circle, polygon");
      if (!shape) return;
      var box = shape.getBBox();
      tag = document.createElementNS(SVGNS, "text");
      tag.setAttribute("class", "smf-l smf-graph__hover-label");
      tag.setAttribute("x", box.x + box.width + 4);
      tag.setAttribute("y", box.y + box.height / 2 + 4);
      tag.textContent = nameOf(a);
      a.parentNode.appendChild(tag);
    }

    /* Centre a record, highlight it and its neighbours, show its card and keep it in the address. */
    view.focus = function (a, options) {
      options = options || {};
      var kind = a.dataset.kind;
      if (a.classList.contains("is-folded") && view.unfold) view.unfold(kind);
      if (a.classList.contains("is-far") && !view.far) setFar(view, true);
      if (a.classList.contains("is-hidden")) {
        var box = view.figure.querySelector('li[data-kind="' + kind + '"] input');
        if (box) { box.checked = true; box.dispatchEvent(new Event("change")); }
      }
      pinned = a;
      show(a);
      fillCard(view, a);
      if (options.scroll !== false) {
        var shape = a.querySelector("circle, polygon").getBBox();
        var origin = view.svg.viewBox.baseVal;
        view.zoom.centre(shape.x + shape.width / 2 - origin.x, shape.y + shape.height / 2 - origin.y);
      }
      if (a.dataset.key && options.remember !== false) remember(a.dataset.key);
    };

    Object.keys(graph.nodes).forEach(function (n) {
      var a = graph.nodes[n];
      a.addEventListener("pointerenter", function (event) { if (event.pointerType !== "touch") show(a); });
      a.addEventListener("pointerleave", rest);
      a.addEventListener("focus", function () { show(a); fillCard(view, a); });
      a.addEventListener("blur", rest);
    });
  }

  /* ?focus=<kind>/<id> in the address, so a focused view can be shared and survives a reload. */
  function remember(key) {
    var url = new URL(location.href);
    if (url.searchParams.get("focus") === key) return;
    url.searchParams.delete("focus");
    var rest = url.searchParams.toString();
    // Written by hand so the address reads ?focus=organization/bbc rather than ?focus=organization%2Fbbc.
    url.search = "?" + (rest ? rest + "&" : "") + "focus=" + encodeURIComponent(key).replace(/%2F/g, "/");
    history.replaceState(history.state, "", url.href);
  }

  function focusFromAddress(view) {
    var key = new URL(location.href).searchParams.get("focus");
    var a = key && view.graph.byKey[key];
    if (a) {
      view.focus(a, { remember: false });
      if (view.finder) view.finder.value = nameOf(a);
    }
  }

  /* "Find a record": a text box with the drawn records as suggestions; Enter or a chosen suggestion focuses the record. */
  function finder(view) {
    var graph = view.graph;
    var id = view.figure.id + "-find";
    var names = [];
    Object.keys(graph.nodes).forEach(function (n) {
      var a = graph.nodes[n];
      names.push({ name: nameOf(a), a: a });
    });
    names.sort(function (x, y) { return x.name.localeCompare(y.name); });
    var wrap = document.createElement("span");
    wrap.className = "smf-graph__find";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = "Find a record";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.setAttribute("list", id + "-names");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("enterkeyhint", "search");
    var list = document.createElement("datalist");
    list.id = id + "-names";
    names.forEach(function (entry) {
      var option = document.createElement("option");
      option.value = entry.name;
      list.appendChild(option);
    });
    var status = document.createElement("span");
    status.className = "smf-graph__find-status";
    status.setAttribute("role", "status");
    wrap.append(label, input, list, status);
    view.bar.insertBefore(wrap, view.bar.firstChild);
    view.finder = input;

    function lookUp(text) {
      var wanted = text.trim().toLowerCase();
      if (!wanted) return null;
      var exact = names.filter(function (e) { return e.name.toLowerCase() === wanted; })[0];
      if (exact) return exact.a;
      var start = names.filter(function (e) { return e.name.toLowerCase().indexOf(wanted) === 0; })[0];
      if (start) return start.a;
      var part = names.filter(function (e) { return e.name.toLowerCase().indexOf(wanted) >= 0; })[0];
      return part ? part.a : null;
    }

    function go(fromSuggestion) {
      var a = lookUp(input.value);
      if (!a) {
        if (!fromSuggestion) status.textContent = "No drawn record matches.";
        return;
      }
      status.textContent = "";
      view.focus(a);
    }

    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        go(false);
      }
    });
    input.addEventListener("change", function () { go(true); });
  }

  function setUpAll() {
    document.querySelectorAll("figure.smf-graph").forEach(setUp);
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(setUpAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
