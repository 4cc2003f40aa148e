/* Citation graphs: zoom, drag to move, filters, and neighbour highlighting on top of the build-time SVG.
   Without this file the SVG, its links and its text alternative work as they are. Runs on every page Material's
   instant navigation shows (document$), and only once per figure. */
(function () {
  "use strict";

  var MIN_ZOOM = 0.1;
  var MAX_ZOOM = 8;
  var STEP = 1.25;

  function setUp(figure) {
    if (figure.dataset.smfReady) return;
    var viewport = figure.querySelector(".smf-graph__viewport");
    var svg = figure.querySelector("svg.smf-graph__svg");
    if (!viewport || !svg) return;
    figure.dataset.smfReady = "1";
    var graph = readGraph(svg);
    var zoom = zoomer(figure, viewport, svg);
    filters(figure, svg, graph);
    highlighter(svg, graph);
    dragger(viewport);
    linkFollower(svg);
    zoom.fitIfWider();
  }

  /* Nodes and edges as the SVG describes them: node number → element, edges with their two ends. */
  function readGraph(svg) {
    var nodes = {};
    var near = {};
    svg.querySelectorAll("a.smf-n").forEach(function (a) {
      nodes[a.dataset.n] = a;
      near[a.dataset.n] = [];
    });
    var edges = [];
    svg.querySelectorAll("path.smf-e").forEach(function (path) {
      var edge = { el: path, s: path.dataset.s, t: path.dataset.t, type: path.dataset.type };
      edges.push(edge);
      if (near[edge.s]) near[edge.s].push(edge);
      if (near[edge.t]) near[edge.t].push(edge);
    });
    return { nodes: nodes, edges: edges, near: near };
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

  /* Zoom scales the SVG inside its scrolling viewport, so panning stays native scrolling (arrow keys included). */
  function zoomer(figure, viewport, svg) {
    var baseWidth = parseFloat(svg.getAttribute("width"));
    var baseHeight = parseFloat(svg.getAttribute("height"));
    var level = 1;
    var readout = document.createElement("span");
    readout.className = "smf-graph__zoom-level";
    readout.setAttribute("aria-live", "polite");

    function apply(next, focusX, focusY) {
      next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, next));
      var fx = focusX === undefined ? viewport.clientWidth / 2 : focusX;
      var fy = focusY === undefined ? viewport.clientHeight / 2 : focusY;
      var x = (viewport.scrollLeft + fx) / level;
      var y = (viewport.scrollTop + fy) / level;
      level = next;
      svg.style.width = baseWidth * level + "px";
      svg.style.height = baseHeight * level + "px";
      viewport.scrollLeft = x * level - fx;
      viewport.scrollTop = y * level - fy;
      readout.textContent = Math.round(level * 100) + "%";
    }

    function fit() {
      apply(Math.min(viewport.clientWidth / baseWidth, MAX_ZOOM), 0, 0);
    }

    var bar = document.createElement("div");
    bar.className = "smf-graph__controls";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Graph view");
    bar.append(
      button("+", "Zoom in", function () { apply(level * STEP); }),
      button("−", "Zoom out", function () { apply(level / STEP); }),
      button("Fit", "Fit the whole graph to the width", fit),
      button("1:1", "Actual size", function () { apply(1); }),
      readout
    );
    figure.insertBefore(bar, viewport);
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
      // A graph inside something hidden has no width yet: it keeps its actual size.
      fitIfWider: function () { if (viewport.clientWidth > 0 && viewport.clientWidth < baseWidth) fit(); }
    };
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
     handler fails on them. Hand it an ordinary link to the same address instead (what Material itself does). */
  function linkFollower(svg) {
    svg.addEventListener("click", function (event) {
      var a = event.target.closest && event.target.closest("a");
      if (!a || !svg.contains(a)) return;
      event.stopPropagation(); // keep the SVG link away from Material's handler in every case
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      var target = a.getAttribute("href") || a.getAttributeNS("http://www.w3.org/1999/xlink", "href");
      if (!target) return;
      event.preventDefault();
      var link = document.createElement("a");
      link.href = new URL(target, location.href).href;
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  }

  /* The legend becomes the filter: one checkbox per kind of record and per kind of link. */
  function filters(figure, svg, graph) {
    var hiddenKinds = {};
    var hiddenTypes = {};

    function update() {
      Object.keys(graph.nodes).forEach(function (n) {
        var a = graph.nodes[n];
        a.classList.toggle("is-hidden", !!hiddenKinds[a.dataset.kind]);
      });
      graph.edges.forEach(function (edge) {
        var hidden = hiddenTypes[edge.type] || isHidden(graph.nodes[edge.s]) || isHidden(graph.nodes[edge.t]);
        edge.el.classList.toggle("is-hidden", !!hidden);
      });
    }

    function checkboxes(selector, key, hidden, caption) {
      var items = figure.querySelectorAll(selector);
      items.forEach(function (li) {
        var box = document.createElement("input");
        box.type = "checkbox";
        box.checked = true;
        box.addEventListener("change", function () {
          hidden[li.dataset[key]] = !box.checked;
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

  function isHidden(el) {
    return !el || el.classList.contains("is-hidden");
  }

  /* Hover or focus a node: it, its neighbours and the links between them stand out; its name shows even when unlabelled. */
  function highlighter(svg, graph) {
    var marked = [];
    var tag = null;

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
        if (isHidden(edge.el)) return;
        mark(edge.el);
        mark(graph.nodes[edge.s]);
        mark(graph.nodes[edge.t]);
      });
      svg.classList.add("is-highlighting");
      if (!a.querySelector(".smf-l")) nameTag(a);
    }

    function nameTag(a) {
      var shape = a.querySelector("circle, polygon");
      var title = a.querySelector("title");
      if (!shape || !title) return;
      var box = shape.getBBox();
      tag = document.createElementNS("http://www.w3.org/2000/svg", "text");
      tag.setAttribute("class", "smf-l smf-graph__hover-label");
      tag.setAttribute("x", box.x + box.width + 3);
      tag.setAttribute("y", box.y + box.height / 2 + 4);
      var text = title.textContent;
      var facts = text.lastIndexOf(" ("); // the title ends with "(Kind, cited N times)"
      tag.textContent = facts > 0 ? text.slice(0, facts) : text;
      a.parentNode.appendChild(tag);
    }

    Object.keys(graph.nodes).forEach(function (n) {
      var a = graph.nodes[n];
      a.addEventListener("pointerenter", function () { show(a); });
      a.addEventListener("pointerleave", clear);
      a.addEventListener("focus", function () { show(a); });
      a.addEventListener("blur", clear);
    });
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
