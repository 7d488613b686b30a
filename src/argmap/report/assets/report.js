(() => {
  "use strict";
  document.documentElement.classList.add("js");

  /* ---- the filter of the overview's tables by concept and by author ---- */
  const setupFilter = (form) => {
    const scope = form.closest(".report-page") || document;
    const concept = form.elements.namedItem("concept");
    const author = form.elements.namedItem("author");
    const status = form.querySelector("output");
    const tables = [...scope.querySelectorAll("table.argmap-table")];
    const empty = new Map(tables.map((t) => {
      const p = document.createElement("p");
      p.className = "argmap-empty";
      p.hidden = true;
      p.textContent = "No row of this table matches the filter.";
      (t.closest(".table-wrap") || t).after(p);
      return [t, p];
    }));
    const apply = () => {
      const c = concept.value, a = author.value;
      let shown = 0, total = 0;
      for (const t of tables) {
        const rows = [...t.tBodies].flatMap((b) => [...b.rows]);
        const byRow = rows.some((r) => r.dataset.author !== undefined);
        let left = 0;
        for (const r of rows) {
          let show = true;
          if (c && r.dataset.concept !== undefined) show = r.dataset.concept.split(" ").includes(c);
          if (a && byRow) show = show && r.dataset.author === a;
          r.hidden = !show;
          if (show) left += 1;
        }
        for (const cell of t.querySelectorAll("thead [data-author], tbody td[data-author]")) {
          cell.hidden = Boolean(a) && !byRow && cell.dataset.author !== a;
        }
        // Count the rows of the tables whose rows the filter chooses among, not the others.
        if ((!c && !a) || (c && rows.some((r) => r.dataset.concept !== undefined)) || (a && byRow)) {
          shown += left;
          total += rows.length;
        }
        empty.get(t).hidden = left > 0 || rows.length === 0;
      }
      const what = [];
      if (c) what.push("concept: " + concept.selectedOptions[0].text);
      if (a) what.push("author: " + author.selectedOptions[0].text);
      status.value = what.length
        ? `Showing ${shown} of ${total} rows in the tables the filter applies to (${what.join("; ")}).`
        : `Showing all ${total} rows.`;
    };
    form.addEventListener("change", apply);
    form.addEventListener("submit", (event) => { event.preventDefault(); apply(); });
    form.querySelector("button[type=button]").addEventListener("click", () => {
      concept.value = "";
      author.value = "";
      apply();
      concept.focus();
    });
    form.hidden = false;
    apply();
  };
  document.querySelectorAll("form.filter").forEach(setupFilter);

  /* ---- drawings: fit the frame, zoom and pan by changing the SVG's viewBox ---- */
  const clamp = (x, lo, hi) => Math.min(Math.max(x, lo), hi);
  const drawings = new Map();

  class Drawing {
    constructor(frame) {
      this.frame = frame;
      this.svg = frame.querySelector("svg");
      const vb = this.svg.viewBox.baseVal;
      this.full = [vb.x, vb.y, vb.width, vb.height];
      this.tools = frame.closest("figure").querySelector(".zoom-tools");
      this.width = 0;
      frame.addEventListener("wheel", (e) => this.wheel(e), { passive: false });
      frame.addEventListener("pointerdown", (e) => this.down(e));
      frame.addEventListener("keydown", (e) => this.key(e));
    }

    // The frame's size, the fitted scale (pixels per drawing unit) and the first view.
    layout() {
      const fw = this.frame.clientWidth;
      if (!fw) return;
      const [, , W, H] = this.full;
      const cap = Math.max(240, Math.round(innerHeight * 0.8));
      const byWidth = fw / W;
      let fh = H * byWidth, s = byWidth;
      if (fh > cap) {
        fh = cap;
        // Nearly fits: show it whole (the comparison map's key stays in sight); else fit the width.
        if (cap / H >= 0.7 * byWidth) s = cap / H;
      }
      this.width = fw;
      this.fw = fw;
      this.fh = Math.round(fh);
      this.frame.style.height = `${this.fh}px`;
      this.fit = s;
      this.min = Math.min(s, this.fh / H);
      this.max = Math.max(4 * s, 3);
      this.reset();
      this.frame.dataset.zoom = "ready";
    }

    reset() {
      const [x0, y0, W, H] = this.full;
      this.s = this.fit;
      this.x = x0;
      this.y = y0;
      const vh = this.fh / this.s;
      const focus = this.focus();
      if (focus !== null && vh < H) this.y = focus - vh / 3;
      this.apply();
    }

    // Where the node the frame opens on (the thesis) stands, in drawing units, or null.
    focus() {
      const name = this.frame.dataset.focus;
      const nodes = [...this.svg.querySelectorAll("g.node")];
      const node = nodes.find((g) => name && g.querySelector("title")?.textContent === name)
        || nodes.find((g) => g.querySelector("text")?.textContent === "THESIS");
      if (!node) return null;
      this.svg.setAttribute("viewBox", this.full.join(" "));
      const m = this.svg.getScreenCTM();
      const r = node.getBoundingClientRect();
      if (!m) return null;
      const p = new DOMPoint(r.left, r.top + r.height / 2).matrixTransform(m.inverse());
      return p.y;
    }

    apply() {
      const [x0, y0, W, H] = this.full;
      const vw = this.fw / this.s, vh = this.fh / this.s;
      this.x = vw >= W ? x0 + (W - vw) / 2 : clamp(this.x, x0, x0 + W - vw);
      this.y = vh >= H ? y0 + (H - vh) / 2 : clamp(this.y, y0, y0 + H - vh);
      this.svg.setAttribute("viewBox", `${this.x} ${this.y} ${vw} ${vh}`);
      const level = this.tools && this.tools.querySelector(".zoom-level");
      if (level) level.value = `${Math.round((this.s / this.fit) * 100)}%`;
    }

    zoom(factor, px = this.fw / 2, py = this.fh / 2) {
      const s = clamp(this.s * factor, this.min, this.max);
      const ux = this.x + px / this.s, uy = this.y + py / this.s;
      this.s = s;
      this.x = ux - px / s;
      this.y = uy - py / s;
      this.apply();
    }

    pan(dx, dy) {
      this.x += dx / this.s;
      this.y += dy / this.s;
      this.apply();
    }

    wheel(e) {
      // The wheel zooms once the frame has the focus (a click or Tab), or with Ctrl or a
      // trackpad's pinch; otherwise it scrolls the page, as the reader expects.
      if (!(e.ctrlKey || e.metaKey || document.activeElement === this.frame)) return;
      e.preventDefault();
      const r = this.frame.getBoundingClientRect();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.fh : 1;
      this.zoom(Math.exp(-e.deltaY * unit * 0.0015), e.clientX - r.left, e.clientY - r.top);
    }

    down(e) {
      if (e.button !== 0 || e.pointerType === "touch") return;
      this.frame.focus({ preventScroll: true });
      const start = [e.clientX, e.clientY];
      const node = e.target.closest && e.target.closest("g.node");
      let last = start;
      this.frame.setPointerCapture(e.pointerId);
      this.frame.classList.add("dragging");
      const move = (m) => {
        this.pan(last[0] - m.clientX, last[1] - m.clientY);
        last = [m.clientX, m.clientY];
      };
      const up = (u) => {
        this.frame.classList.remove("dragging");
        this.frame.removeEventListener("pointermove", move);
        this.frame.removeEventListener("pointerup", up);
        this.frame.removeEventListener("pointercancel", up);
        // A click, not a drag, on a box: to its row in the nodes table.
        if (u.type === "pointerup" && node && Math.hypot(u.clientX - start[0], u.clientY - start[1]) < 4) {
          this.open(node);
        }
      };
      this.frame.addEventListener("pointermove", move);
      this.frame.addEventListener("pointerup", up);
      this.frame.addEventListener("pointercancel", up);
      e.preventDefault();
    }

    open(node) {
      const rows = new Map((this.frame.dataset.rows || "").split(" ").filter(Boolean)
        .map((pair) => [pair.slice(0, pair.lastIndexOf(":")), pair.slice(pair.lastIndexOf(":") + 1)]));
      const row = rows.get(node.querySelector("title")?.textContent || "");
      if (!row) return;
      // In the single-file report a text page's ids carry its prefix (page-north: north--).
      const page = this.frame.closest(".report-page");
      const prefix = page && page.id !== "page-index" ? page.id.slice(5) + "--" : "";
      location.hash = "#" + prefix + row;
    }

    key(e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const step = (e.shiftKey ? 0.5 : 0.15);
      const moves = { ArrowLeft: [-step * this.fw, 0], ArrowRight: [step * this.fw, 0],
        ArrowUp: [0, -step * this.fh], ArrowDown: [0, step * this.fh] };
      if (e.key === "+" || e.key === "=") this.zoom(1.25);
      else if (e.key === "-" || e.key === "_") this.zoom(0.8);
      else if (e.key === "0") this.reset();
      else if (moves[e.key]) this.pan(...moves[e.key]);
      else return;
      e.preventDefault();
    }
  }

  const visibleDrawing = (figure) => {
    for (const frame of figure.querySelectorAll(".drawing-frame")) {
      if (frame.offsetParent !== null) return drawings.get(frame);
    }
    return undefined;
  };

  const sizes = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const d = drawings.get(entry.target);
      if (d && entry.target.clientWidth && entry.target.clientWidth !== d.width) d.layout();
    }
  });

  for (const figure of document.querySelectorAll("figure.drawing")) {
    for (const frame of figure.querySelectorAll(".drawing-frame")) {
      if (!frame.querySelector("svg")) continue;
      drawings.set(frame, new Drawing(frame));
      sizes.observe(frame);
    }
    const tools = figure.querySelector(".zoom-tools");
    if (tools) {
      tools.hidden = false;
      tools.addEventListener("click", (e) => {
        const button = e.target.closest("button[data-zoom]");
        const d = button && visibleDrawing(figure);
        if (!d) return;
        const how = button.dataset.zoom;
        if (how === "in") d.zoom(1.25);
        else if (how === "out") d.zoom(0.8);
        else d.reset();
      });
    }
    for (const radio of figure.querySelectorAll(".views input[type=radio]")) {
      radio.addEventListener("change", () => {
        for (const view of figure.querySelectorAll(".drawing-view")) {
          view.hidden = view.dataset.view !== radio.value;
        }
        const d = visibleDrawing(figure);
        if (d) d.layout();
      });
    }
  }

  /* ---- the source text: every span of the quote a link points to, outlined ---- */
  const current = [];
  const showQuote = (target) => {
    current.splice(0).forEach((el) => el.classList.remove("current"));
    if (!target || !target.classList.contains("src-anchor")) return;
    const text = target.closest(".source-text");
    for (const el of text.querySelectorAll("a.q")) {
      if (el.dataset.q.split(" ").includes(target.dataset.key)) {
        el.classList.add("current");
        current.push(el);
      }
    }
  };

  /* ---- the single-file report: one page at a time, chosen by the address ---- */
  const pages = [...document.querySelectorAll("main.single > .report-page")];
  const route = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (pages.length) {
      const page = (target && target.closest(".report-page")) || pages[0];
      for (const p of pages) p.hidden = p !== page;
      if (target) target.scrollIntoView();
      else scrollTo(0, 0);
    }
    showQuote(target);
    document.documentElement.dataset.route = location.hash;  // what was last shown (for tests)
  };
  addEventListener("hashchange", route);
  if (pages.length || location.hash) route();

  /* ---- print: notes open, drawings whole ---- */
  let closed = [];
  addEventListener("beforeprint", () => {
    closed = [...document.querySelectorAll("details:not([open])")];
    closed.forEach((d) => { d.open = true; });
    for (const d of drawings.values()) d.svg.setAttribute("viewBox", d.full.join(" "));
  });
  addEventListener("afterprint", () => {
    closed.forEach((d) => { d.open = false; });
    for (const d of drawings.values()) if (d.width) d.apply();
  });
})();
