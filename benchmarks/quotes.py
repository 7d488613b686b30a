"""Benchmark: quote anchoring, the coverage audit and ``visible()``, before and after issue 15.

The code as it stood before (a ``str.translate`` fold and a Python loop over runs building a
per-character offset list, a new canonical form for every ``SourceText``, the mixed-hyphen
regex tried for every miss, one case-insensitive regex per cue, ``visible()`` leaving its
fast path for any text with a line break) is kept here, and each round runs old and new one
after the other on the five seed maps, interleaved so that the machine's state affects both
alike. Each round models one run of argmap (``report``, say): the shared canonical forms are
dropped at its start, so the new code canonicalises each source text once per round, as it
does once per run.

Rows:

* ``canonical form``: one ``SourceText`` of each seed text, built anew (no sharing);
* ``anchor``: every quote of the five maps found (maps already read; the new code also
  looks for a second place of each quote, for the ambiguity warning);
* ``load + anchor``: ``argmap.load`` of each seed map (YAML, model, every quote found; the
  new code also counts each quote's places for the ambiguity warning);
* ``audit``: the coverage audit of each anchored map with the shared vocabulary;
* ``load + anchor + audit``: both, as ``argmap report`` and ``argmap audit`` do;
* ``visible(source)``: ``visible()`` over each source text (ordinary text with line breaks).

It prints each row's median and spread (fastest-slowest) over the rounds and the ratio of
medians, new / old. Times are the CPU time of this process (``time.process_time``), which a
busy machine disturbs less than the time on the clock; the work is single-threaded.

    python benchmarks/quotes.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import bisect
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import attrs

import argmap
from argmap import _text, coverage, quotes
from argmap.model import ArgumentMap, Quote, Span
from argmap.quotes import Match, split_segments

ROOT = Path(__file__).resolve().parent.parent
# --- the code before ----------------------------------------------------------------------------

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
                       "\u201c": '"', "\u201d": '"', "\u201f": '"', "\u2033": '"', "\u00a0": " "})
_SOFT = "\x00"
_KEPT = re.compile("[^\\s\u00ad\u200b\u200c\u200d\u2060\ufeff]+")
_LINE_END_HYPHEN = re.compile(r"-(?=[ \t\r]*\n)")


def old_canonical(text: str, *, source: bool = False) -> tuple[str, list[int]]:
    folded = text.translate(_FOLD)
    if source:
        folded = _LINE_END_HYPHEN.sub(_SOFT, folded)
    parts: list[str] = []
    index: list[int] = []
    for run in _KEPT.finditer(folded):
        parts.append(run.group())
        index.extend(range(run.start(), run.end()))
    return "".join(parts), index


class OldSourceText:
    """SourceText as it was: canonicalised anew for every instance."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.canonical, self.index = old_canonical(text, source=True)
        starts = [0]
        starts.extend(m.end() for m in re.finditer("\n", text))
        self._line_starts = starts
        self._kept = self.canonical.replace(_SOFT, "-")
        if _SOFT not in self.canonical:
            self._dropped = (self.canonical, self.index)
        else:
            keep = [i for i, ch in enumerate(self.canonical) if ch != _SOFT]
            self._dropped = (self.canonical.replace(_SOFT, ""), [self.index[i] for i in keep])

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def excerpt(self, start: int, end: int, limit: int = 240) -> str:
        passage = " ".join(self.text[start:end].split())
        return passage if len(passage) <= limit else passage[: limit - 1] + "…"

    def find(self, quote: str, *, start: int = 0, occurrence: int = 1) -> Match | None:
        found = self._find(quote, start)
        for _ in range(occurrence - 1):
            if found is None:
                return None
            found = self._find(quote, found.spans[0].start + 1)
        return found

    def _find(self, quote: str, start: int) -> Match | None:
        segments = [old_canonical(s)[0] for s in split_segments(quote)]
        if not segments or not all(segments):
            return None
        begin = bisect.bisect_left(self.index, start)
        for text, index in ((self._kept, self.index), self._dropped):
            spans, pos = [], bisect.bisect_left(index, start) if index is not self.index else begin
            for seg in segments:
                at = text.find(seg, pos)
                if at < 0:
                    break
                spans.append(Span(index[at], index[at + len(seg) - 1] + 1))
                pos = at + len(seg)
            else:
                return Match(tuple(spans))
        soft = re.escape(_SOFT)
        patterns = ["(" + f"{soft}?".join(f"[-{soft}]" if ch == "-" else re.escape(ch) for ch in seg) + ")"
                    for seg in segments]
        found = re.compile(".*?".join(patterns), flags=re.DOTALL).search(self.canonical, begin)
        if found is None:
            return None
        return Match(tuple(Span(self.index[found.start(g)], self.index[found.end(g) - 1] + 1)
                           for g in range(1, len(segments) + 1)))


def old_anchor(amap: ArgumentMap, text: str | None = None) -> ArgumentMap:
    """anchor() as it was (every seed quote is found, so its hint path never runs)."""
    source = OldSourceText(quotes.read_source(amap) if text is None else text)
    cache: dict[tuple[str, int], Match | None] = {}

    def fix(q: Quote) -> Quote:
        key = (q.text, q.occurrence or 1)
        if key not in cache:
            cache[key] = source.find(q.text, occurrence=q.occurrence or 1)
        match = cache[key]
        if match is None:
            raise AssertionError(f"a seed quote is not found: {q.text!r}")
        return attrs.evolve(q, spans=match.spans)

    nodes = tuple(attrs.evolve(n, quotes=tuple(fix(q) for q in n.quotes)) for n in amap.nodes)
    edges = tuple(attrs.evolve(e, quote=fix(e.quote)) if e.quote is not None else e for e in amap.edges)
    return attrs.evolve(amap, nodes=nodes, edges=edges, excluded=tuple(fix(q) for q in amap.excluded))


def old_excluded_spans(amap: ArgumentMap, _text: Any) -> list[tuple[int, int]]:
    return [(q.spans[0].start, q.spans[-1].end) for q in amap.excluded if q.spans]


def old_visible(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(f"[U+{ord(ch):04X}]" if _text._invisible(ch) else ch for ch in text)


class OldCode:
    """Runs the audit with the code before swapped in (SourceText, exclude, cue regexes)."""

    def __enter__(self) -> None:
        self.saved = (coverage.SourceText, coverage.excluded_spans, coverage._CueFilter.may_match)
        coverage.SourceText = OldSourceText  # type: ignore[misc,assignment]
        coverage.excluded_spans = old_excluded_spans
        coverage._CueFilter.may_match = lambda _self, _cue: True  # type: ignore[method-assign]

    def __exit__(self, *_exc: object) -> None:
        coverage.SourceText, coverage.excluded_spans, coverage._CueFilter.may_match = self.saved  # type: ignore[misc]


# --- the runs ------------------------------------------------------------------------------------

MAPS = sorted((ROOT / "maps").glob("0*.yaml"))


def load_old() -> list[ArgumentMap]:
    return [old_anchor(argmap.load(p, anchor=False)) for p in MAPS]


def load_new() -> list[ArgumentMap]:
    return [argmap.load(p) for p in MAPS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    vocabulary = argmap.load_vocabulary(ROOT / "maps" / "concepts.yaml")
    texts = [quotes.read_source(argmap.load(p, anchor=False)) for p in MAPS]

    def audit_all(maps: list[ArgumentMap]) -> None:
        for m in maps:
            argmap.audit(m, vocabulary)

    def audit_old(maps: list[ArgumentMap]) -> None:
        with OldCode():
            audit_all(maps)

    # Same results first: anchoring, audits and visible() agree.
    quotes._shared.cache_clear()
    old_maps, new_maps = load_old(), load_new()
    assert old_maps == new_maps
    with OldCode():
        old_audits = [argmap.audit(m, vocabulary) for m in old_maps]
    assert old_audits == [argmap.audit(m, vocabulary) for m in new_maps]
    assert [old_visible(t) for t in texts] == [_text.visible(t) for t in texts]

    unanchored = [argmap.load(p, anchor=False) for p in MAPS]
    rows: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
        "canonical form": (lambda: [OldSourceText(t) for t in texts],
                           lambda: [quotes.SourceText._build(t) for t in texts]),
        "anchor": (lambda: [old_anchor(m, t) for m, t in zip(unanchored, texts, strict=True)],
                   lambda: [quotes.anchor(m, t) for m, t in zip(unanchored, texts, strict=True)]),
        "load + anchor": (load_old, load_new),
        "audit": (lambda: audit_old(old_maps), lambda: audit_all(new_maps)),
        "load + anchor + audit": (lambda: audit_old(load_old()), lambda: audit_all(load_new())),
        "visible(source)": (lambda: [old_visible(t) for t in texts], lambda: [_text.visible(t) for t in texts]),
    }
    times: dict[tuple[str, str], list[float]] = {(row, which): [] for row in rows for which in ("old", "new")}
    for _ in range(args.rounds):
        for row, (old, new) in rows.items():
            for which, func in (("old", old), ("new", new)):
                quotes._shared.cache_clear()  # one run of argmap: each text canonicalised anew
                start = time.process_time()
                func()
                times[row, which].append(time.process_time() - start)

    print(f"five seed maps ({sum(len(t) for t in texts):,} characters of source), {args.rounds} rounds")
    print(f"{'':<24}{'old median':>12}{'spread':>19}{'new median':>12}{'spread':>19}{'new/old':>9}")
    for row in rows:
        old, new = times[row, "old"], times[row, "new"]
        cells = [f"{statistics.median(v) * 1e3:9.2f} ms{min(v) * 1e3:9.2f}-{max(v) * 1e3:.2f} ms" for v in (old, new)]
        ratio = statistics.median(new) / statistics.median(old)
        print(f"{row:<24}{cells[0]:>31}{cells[1]:>31}{ratio:9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
