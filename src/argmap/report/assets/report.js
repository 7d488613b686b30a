
(() => {
  const form = document.getElementById("filter");
  if (form) {
    const concept = form.elements.namedItem("concept");
    const author = form.elements.namedItem("author");
    const status = document.getElementById("filter-status");
    const tables = [...document.querySelectorAll("main table.argmap-table")];
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
    document.getElementById("filter-clear").addEventListener("click", () => {
      concept.value = "";
      author.value = "";
      apply();
      concept.focus();
    });
    form.hidden = false;
    apply();
  }
  let closed = [];
  addEventListener("beforeprint", () => {
    closed = [...document.querySelectorAll("details:not([open])")];
    closed.forEach((d) => { d.open = true; });
  });
  addEventListener("afterprint", () => { closed.forEach((d) => { d.open = false; }); });
})();
