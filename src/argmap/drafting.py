"""From a plain text to a first map: a skeleton to fill in (:func:`new_map`) or a proposed
map for a person to refine (:func:`draft`).

Both read the text with :func:`argmap.segmentation.segment` (sentences, paragraphs,
sections, the title, author and date lines, the passages that are not argument) and cut every
quote from the text by its offsets, then check that it anchors exactly there, so every quote
they write is verbatim by construction: a passage that would not anchor at its own place is
left out rather than written. What they propose is marked ``draft: <confidence>``, which
``argmap validate`` reports as a warning until a person has checked it and deleted the line.

The proposals come from cues, not from a trained model: :mod:`argmap.thesis` ranks the
thesis candidates; :mod:`argmap.cues` gives each sentence a node kind and its connectives;
the vocabulary's cue terms link concepts. docs/authoring.md describes the rules and the
figures benchmarks/draft.py measures.
"""

from __future__ import annotations

import bisect
import re
from pathlib import PurePath
from typing import Any

import attrs

from argmap.codec import map_to_data, source_to_data
from argmap.concepts import ConceptKind, Vocabulary
from argmap.cues import Reading, read_sentence
from argmap.model import ArgumentMap, Edge, Kind, Node, Quote, Source
from argmap.quotes import Match, SourceText, split_segments
from argmap.segmentation import Segmentation, cue_pattern, segment
from argmap.thesis import ThesisCandidate, rank_theses

__all__ = ["Draft", "DraftEdge", "DraftNode", "draft", "new_map"]

_ELLIPSIS_ENDS = " \t\r\n.…"


def _count(items: Any) -> dict[Any, int]:
    out: dict[Any, int] = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return out


@attrs.frozen
class DraftNode:
    """A proposed node: its id and kind, the passage it quotes (offsets ``[start, end)`` into
    the text and the text between them, verbatim), its label, concept and stance, section,
    confidence (0..1) and the cues it rests on."""

    id: str
    kind: Kind
    start: int
    end: int
    text: str
    label: str
    confidence: float
    cues: tuple[str, ...] = ()
    concept: str | None = None
    stance: str | None = None
    section: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {"id": self.id, "kind": self.kind.value, "start": self.start, "end": self.end, "text": self.text,
                "label": self.label, "concept": self.concept, "stance": self.stance, "section": self.section,
                "draft": self.confidence, "cues": list(self.cues)}


@attrs.frozen
class DraftEdge:
    """A proposed edge between two proposed nodes, with its confidence and the cue it rests on."""

    source: str
    target: str
    relation: str
    confidence: float
    cue: str
    sign: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output (``from``, ``to``, ``rel`` as in a map file)."""
        return {"from": self.source, "to": self.target, "rel": self.relation, "sign": self.sign,
                "draft": self.confidence, "cue": self.cue}


@attrs.frozen
class Draft:
    """What :func:`draft` proposes: the map, and the thesis candidates, nodes and edges it was
    built from, with the text's segmentation."""

    map: ArgumentMap
    thesis_candidates: tuple[ThesisCandidate, ...]
    nodes: tuple[DraftNode, ...]
    edges: tuple[DraftEdge, ...]
    segmentation: Segmentation

    def summary(self, *, candidates: int = 3) -> str:
        """A few lines for a person: what was proposed, the best thesis candidates with their
        lines, and what to do next."""
        amap, seg = self.map, self.segmentation
        src = SourceText(seg.text)
        kinds = ", ".join(f"{n} {k.value}" for k, n in
                          sorted(_count(n.kind for n in amap.nodes).items(), key=lambda kv: -kv[1]))
        lines = [f"{len(seg.sentences)} sentences; proposed {len(amap.nodes)} nodes ({kinds}), "
                 f"{len(amap.edges)} edges, {len(amap.excluded)} `exclude` passages, "
                 f"{len(amap.concepts)} concepts linked; every proposal is marked `draft:`"]
        if self.thesis_candidates:
            lines.append("thesis candidates (best first):")
            for i, c in enumerate(self.thesis_candidates[:candidates], 1):
                line, column = src.line_column(c.start)
                lines.append(f"  {i}. {c.score:.2f}  line {line}:{column}  {src.excerpt(c.start, c.end, limit=90)}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``argmap draft --format json``: ``thesis_candidates`` (best
        first, each ``{"start", "end", "text", "score"}``, offsets in characters into the
        text), ``sentences``, ``nodes``, ``edges``, ``exclude`` and the ``map`` in the map
        file's layout (docs/authoring.md)."""
        seg = self.segmentation
        return {
            "source": source_to_data(self.map.source),
            "thesis_candidates": [c.to_dict() for c in self.thesis_candidates],
            "sentences": [{"start": s.start, "end": s.end, "text": seg.text[s.start:s.end], "section": s.section}
                          for s in seg.sentences],
            "nodes": [n.to_dict() for n in self.nodes],
            "edges": [e.to_dict() for e in self.edges],
            "exclude": [{"start": a, "end": b, "text": seg.text[a:b], "reason": why}
                        for a, b, why in seg.exclude_candidates],
            "map": map_to_data(self.map),
        }


# --- quotes cut from the text --------------------------------------------------------------

def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding whitespace or ellipses (which a quote reads as a gap)."""
    while start < end and text[start] in _ELLIPSIS_ENDS:
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == "…" or text[end - 3:end] == "..."):
        end -= 3 if text[end - 3:end] == "..." else 1
    return start, end


class _Places:
    """Where one quote text occurs in a text, as far as looked: the matches and their starts."""

    def __init__(self) -> None:
        self.matches: list[Match] = []
        self.starts: list[int] = []
        self.done = False


def quote_at(src: SourceText, start: int, end: int, *, shorten: bool = False,
             places: dict[str, _Places] | None = None) -> Quote | None:
    """A quote of ``src.text[start:end]`` that anchors exactly there, or None where none does.

    Whitespace is written as single spaces (quotes ignore layout); where the passage occurs
    more than once the quote names its ``occurrence``. With ``shorten``, a long passage is
    quoted by its first and last words joined by ``...``. ``places`` caches where each quote
    text occurs, so that cutting many quotes from one text (a line repeated on every page)
    stays linear; pass one dict per text. Never raises.
    """
    start, end = _trim(src.text, start, end)
    if start >= end:
        return None
    words = src.text[start:end].split()
    forms = [" ".join(words)]
    if shorten and len(words) > 24:
        forms = [f"{' '.join(words[:n])} ... {' '.join(words[-n:])}" for n in (6, 12) if 2 * n < len(words)] + forms
    places = {} if places is None else places
    for form in forms:
        if not split_segments(form):
            continue
        # Every place the form occurs, found in order as find(occurrence=k) counts them.
        seen = places.setdefault(form, _Places())
        while not seen.done and (not seen.starts or seen.starts[-1] <= start):
            m = src.find(form, start=seen.starts[-1] + 1) if seen.starts else src.find(form)
            if m is None:
                seen.done = True
            else:
                seen.matches.append(m)
                seen.starts.append(m.spans[0].start)
        k = bisect.bisect_left(seen.starts, start)
        if k == len(seen.starts):
            continue
        match = seen.matches[k]
        if match.spans[0].start == start and match.spans[-1].end == end:
            again = k + 1 < len(seen.starts) or src.find(form, start=start + 1) is not None
            return Quote(form, spans=match.spans, occurrence=k + 1 if k > 0 or again else None)
    return None


# --- the source block ----------------------------------------------------------------------

def _slug(text: str, limit: int = 3) -> str:
    words = [w for w in re.findall(r"\w+", text.lower()) if len(w) > 2 and w not in _SLUG_STOP]
    return "-".join(words[:limit])


_SLUG_STOP = frozenset((
    "the", "and", "for", "with", "that", "this", "these", "those", "from", "into", "have", "has", "had", "been",
    "are", "was", "were", "its", "their", "there", "which", "who", "what", "when", "where", "while", "however",
    "therefore", "thus", "also", "not", "but", "yet"))


def _source(seg: Segmentation, src: SourceText, source_file: str, source_id: str | None) -> Source:
    front = seg.front
    stem = PurePath(source_file).stem
    sid = source_id or re.sub(r"[^\w]+", "-", stem.lower()).strip("-") or "text"
    found = []
    title = author = None
    if front.title is not None:
        title = seg.passage(*front.title)
        found.append(f"title on line {src.line_column(front.title[0])[0]}")
    if front.author is not None:
        author = seg.passage(*front.author)
        found.append(f"author on line {src.line_column(front.author[0])[0]}")
    if front.date is not None:
        found.append(f"date line {seg.passage(*front.date)!r} (line {src.line_column(front.date[0])[0]})")
    note = None
    if found:
        note = "Read from the opening lines by argmap: " + "; ".join(found) + ". Check them against the text."
    return Source(id=sid, file=source_file, title=title, author=author, year=front.year, note=note)


def _excluded(seg: Segmentation, src: SourceText, places: dict[str, _Places]) -> list[Quote]:
    out = []
    for a, b, _why in seg.exclude_candidates:
        q = quote_at(src, a, b, shorten=True, places=places)
        if q is not None:
            out.append(attrs.evolve(q, spans=()))
    return out


#: Openings a label leaves out: connectives and the markers of a conclusion or a stance.
_OPENING = re.compile(
    r"^(?:(?:however|but|yet|therefore|thus|hence|so|moreover|furthermore|additionally|in addition|also|indeed|"
    r"nevertheless|consequently|as a result|in conclusion|to conclude|in sum|in summary|to sum (?:it )?up|"
    r"summing up|in short|all in all|in my (?:opinion|view)|"
    r"I (?:believe|think|argue|contend|maintain|would argue)(?: that)?)\b[,\s]*)+",
    re.IGNORECASE,
)


def _label(text: str, limit: int = 12) -> str:
    """A short label from a sentence: opening connectives and stance markers ("In conclusion,",
    "I believe that") dropped, at most ``limit`` words."""
    text = _OPENING.sub("", " ".join(text.split()))
    words = text.split()
    label = " ".join(words[:limit]).rstrip(".,;:!?")
    label = label + "…" if len(words) > limit else label
    return (label[:1].upper() + label[1:]) if label else "(no words)"


_THESIS_NOTE = ("Proposed by argmap as the likeliest thesis ({cues}); check it is the author's main point, "
                "say it in your own words in `label`, then delete `draft:`.")


def new_map(text: str, *, source_file: str = "text.txt", source_id: str | None = None,
            language: str = "en") -> ArgumentMap:
    """A valid map skeleton for a text: the source block with the title, author and year the
    opening lines state (None otherwise), the passages that are not argument as ``exclude``
    candidates, and a thesis stub to fill in.

    The stub quotes the likeliest thesis sentence (see :func:`argmap.draft`) and is marked
    ``draft``; a text without a sentence to quote gets an ``implicit`` placeholder thesis.
    ``source_file`` is written as the map's ``source.file`` (relative to where the map will
    be saved); ``source_id`` defaults to its file name. Works on any string; raises
    ``ValueError`` only for a ``source_id`` that is empty or has leading or trailing spaces
    or control characters.
    """
    seg = segment(text, language=language)
    src = SourceText(text)
    source = _source(seg, src, source_file, source_id)
    places: dict[str, _Places] = {}
    thesis, _cand = _thesis_node(seg, src, rank_theses(seg), places)
    return ArgumentMap(source=source, nodes=(thesis,), excluded=tuple(_excluded(seg, src, places)))


def _thesis_node(seg: Segmentation, src: SourceText, ranked: list[ThesisCandidate],
                 places: dict[str, _Places]) -> tuple[Node, ThesisCandidate | None]:
    """The thesis stub: the best candidate whose quote anchors, else an implicit placeholder."""
    for cand in ranked[:5]:
        q = quote_at(src, cand.start, cand.end, places=places)
        if q is not None:
            cues = ", ".join(cand.cues) or "no strong cue"
            s = seg.sentences[cand.sentence]
            node = Node("T", Kind.THESIS, _label(cand.text), quotes=(attrs.evolve(q, spans=()),),
                        section=s.section, note=_THESIS_NOTE.format(cues=cues), draft=round(cand.score, 2))
            return node, cand
    return Node("T", Kind.THESIS, "The thesis (to be written)", implicit=True, draft=0.0,
                note="Placeholder made by argmap: the text has no sentence to quote. Quote the author's main "
                     "point (`quote:`), drop `implicit: true`, and label it in your own words."), None


def _concept_choices(sentence: str, vocabulary: Vocabulary, patterns: dict[str, list[re.Pattern[str]]],
                     ) -> list[tuple[str, str]]:
    """The concepts a sentence's cue terms point to, best first, each with its first cue:
    factors and propositions before outcomes (nearly every sentence of a text mentions what it
    explains), then the concept with more cue hits, then the longer cue; a concept whose
    narrower concept also matches is left out."""
    found = []
    for order, concept in enumerate(vocabulary):
        hits = [(cue, len(p.findall(sentence))) for cue, p in zip(concept.cues, patterns[concept.id], strict=True)]
        hits = [(cue, n) for cue, n in hits if n]
        if hits:
            longest = max(len(cue) for cue, _n in hits)
            rank = (concept.kind is not ConceptKind.OUTCOME, sum(n for _c, n in hits), longest, -order)
            found.append((rank, concept.id, hits[0][0]))
    # SKOS: where a concept and a narrower one both match, the narrower says more (a comparison
    # at the broad level rolls it up again), so the broader is not proposed for this sentence
    matched = {cid for _rank, cid, _cue in found}
    covered = {a for cid in matched for a in vocabulary.ancestors(cid)}
    found = [f for f in found if f[1] not in covered]
    found.sort(reverse=True)
    return [(cid, cue) for _rank, cid, cue in found]


def _assign_concepts(choices: dict[int, list[tuple[str, str]]]) -> dict[int, tuple[str, str]]:
    """Each sentence's best concept; then a concept that no sentence got although its cue terms
    occur takes a sentence whose concept other sentences also carry, so that every concept the
    text invokes shows up in the draft at least once."""
    assigned = {i: c[0] for i, c in choices.items() if c}
    carriers: dict[str, int] = {}
    for cid, _cue in assigned.values():
        carriers[cid] = carriers.get(cid, 0) + 1
    wanted = dict.fromkeys(cid for c in choices.values() for cid, _cue in c if cid not in carriers)
    for cid in wanted:
        for i in sorted(assigned):
            current = assigned[i][0]
            if carriers[current] >= 2 and (pick := next((c for c in choices[i] if c[0] == cid), None)):
                carriers[current] -= 1
                carriers[cid] = 1
                assigned[i] = pick
                break
    return assigned


def draft(text: str, *, vocabulary: Vocabulary | None = None, source_file: str = "text.txt",
          source_id: str | None = None, vocabulary_file: str | None = None, language: str = "en") -> Draft:
    """Propose a map of a text for a person to refine: ranked thesis candidates, nodes by kind
    from cue words, concept links from the vocabulary's cue terms, and edges from connectives
    and causal verbs, each marked ``draft`` with a confidence from 0 to 1.

    Every quote is cut from ``text`` by offsets and checked to anchor exactly there.
    ``source_file`` and ``source_id`` are as for :func:`new_map`; ``vocabulary_file`` is
    written as the map's ``vocabulary:`` (leave it None where the map will find the
    vocabulary as ``concepts.yaml`` beside it). ``language`` is an ISO 639 code for the
    sentence splitter. The map validates (warnings for the drafts aside) for any text.
    Raises ``ValueError`` only for a ``source_id`` or ``vocabulary_file`` that is empty or has
    leading or trailing spaces or control characters.
    """
    seg = segment(text, language=language)
    src = SourceText(text)
    ranked = rank_theses(seg)
    places: dict[str, _Places] = {}
    thesis, chosen = _thesis_node(seg, src, ranked, places)
    thesis_sentence = chosen.sentence if chosen is not None else None
    thesis_span = quote_at(src, chosen.start, chosen.end, places=places) if chosen is not None else None

    patterns = {c.id: [cue_pattern(cue) for cue in c.cues] for c in vocabulary or ()}
    choices = {s.index: _concept_choices(text[s.start:s.end], vocabulary, patterns)
               for s in seg.sentences if vocabulary is not None and s.index != thesis_sentence}
    assigned = _assign_concepts(choices)

    nodes: list[DraftNode] = []
    readings: dict[str, Reading] = {}
    used_ids = {"T"}
    outcome_nodes: dict[str, str] = {}
    by_sentence: dict[int, str] = {}
    for s in seg.sentences:
        if s.index == thesis_sentence:
            by_sentence[s.index] = "T"
            continue
        sentence = text[s.start:s.end]
        reading = read_sentence(sentence)
        concept, cue = assigned.get(s.index, (None, None))
        kind, confidence, cues = reading.kind, reading.confidence, list(reading.cues)
        if concept is not None and vocabulary is not None:
            ckind = vocabulary[concept].kind
            cues.append(f"concept cue {cue!r}")
            if ckind is ConceptKind.OUTCOME and concept not in outcome_nodes and kind not in (
                    Kind.RECOMMENDATION, Kind.PREDICTION):
                kind, confidence = Kind.OUTCOME, 0.4
            elif kind is None:
                kind, confidence = (Kind.FACTOR if ckind is ConceptKind.FACTOR else Kind.CLAIM), 0.3
        if kind is None:
            continue
        q = quote_at(src, s.start, s.end, places=places)
        if q is None:
            continue
        base = _slug(_label(sentence)) or kind.value
        node_id, n = base, 2
        while node_id in used_ids:
            node_id, n = f"{base}-{n}", n + 1
        used_ids.add(node_id)
        stance = None
        if concept is not None and vocabulary is not None and vocabulary[concept].kind is ConceptKind.PROPOSITION:
            stance = "denies" if reading.negated else "affirms"
        if kind is Kind.OUTCOME and concept is not None:
            outcome_nodes[concept] = node_id
        nodes.append(DraftNode(node_id, kind, q.spans[0].start, q.spans[-1].end, text[q.spans[0].start:q.spans[-1].end],
                               _label(sentence), round(confidence, 2), tuple(cues), concept, stance, s.section))
        readings[node_id] = reading
        by_sentence[s.index] = node_id

    edges = _edges(seg, nodes, readings, by_sentence, outcome_nodes)
    thesis_draft = () if chosen is None or thesis_span is None else (
        DraftNode("T", Kind.THESIS, thesis_span.spans[0].start, thesis_span.spans[-1].end,
                  text[thesis_span.spans[0].start:thesis_span.spans[-1].end], thesis.label, thesis.draft or 0.0,
                  chosen.cues, section=thesis.section),)
    amap = ArgumentMap(
        source=_source(seg, src, source_file, source_id),
        nodes=(thesis, *(_node(n, src, places) for n in nodes)),
        edges=tuple(Edge(e.source, e.target, e.relation, e.sign, draft=e.confidence,
                         note=f"Proposed from {e.cue}.") for e in edges),
        excluded=tuple(_excluded(seg, src, places)),
        vocabulary=vocabulary_file,
    )
    return Draft(map=amap, thesis_candidates=tuple(ranked), nodes=(*thesis_draft, *nodes), edges=tuple(edges),
                 segmentation=seg)


def _node(n: DraftNode, src: SourceText, places: dict[str, _Places]) -> Node:
    q = quote_at(src, n.start, n.end, places=places)
    assert q is not None  # the node was proposed only where its quote anchors
    note = "Proposed by argmap from " + (", ".join(n.cues) or "its position") + "."
    return Node(n.id, n.kind, n.label, quotes=(attrs.evolve(q, spans=()),), concept=n.concept, stance=n.stance,
                section=n.section, note=note, draft=n.confidence)


def _edges(seg: Segmentation, nodes: list[DraftNode], readings: dict[str, Reading], by_sentence: dict[int, str],
           outcome_nodes: dict[str, str]) -> list[DraftEdge]:
    """Edges from connectives between neighbouring sentences, causal verbs to the outcome (or
    the thesis), and otherwise a weak ``supports`` to the thesis, so the draft hangs together."""
    edges: list[DraftEdge] = []
    supports: dict[str, set[str]] = {}

    def reaches(a: str, b: str) -> bool:
        todo, seen = [a], {a}
        while todo:
            for nxt in supports.get(todo.pop(), ()):
                if nxt == b:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    def add(a: str, b: str, rel: str, confidence: float, cue: str, sign: str | None = None) -> bool:
        if a == b or a == "T":
            return False
        if rel == "supports":
            if reaches(b, a):
                return False
            supports.setdefault(a, set()).add(b)
        edges.append(DraftEdge(a, b, rel, round(confidence, 2), cue, sign))
        return True

    sentence_of = {node_id: i for i, node_id in by_sentence.items()}
    outcome = next(iter(outcome_nodes.values()), None)
    for node in nodes:
        reading = readings[node.id]
        i = sentence_of[node.id]
        same_paragraph = i > 0 and seg.sentences[i - 1].paragraph == seg.sentences[i].paragraph
        prev = by_sentence.get(i - 1) if same_paragraph else None
        linked = False
        if reading.causal is not None:
            target = outcome if outcome is not None and outcome != node.id else "T"
            verb, sign = reading.causal
            linked = add(node.id, target, "causes", 0.3 if reading.sign_guessed else 0.4,
                         f"the causal cue {verb!r}", sign)
        if prev is not None and reading.opening is not None:
            word, relation = reading.opening
            if relation == "attacks":
                linked = add(node.id, prev, "attacks", 0.35, f"the connective {word!r}") or linked
            elif relation == "concludes":
                linked = add(prev, node.id, "supports", 0.35, f"the connective {word!r}") or linked
            elif relation == "reason":
                linked = add(node.id, prev, "supports", 0.35, f"the connective {word!r}") or linked
        if not linked:
            target = "T"
            if node.kind is Kind.EVIDENCE and prev is not None and prev != "T":
                target = prev
            if node.kind is Kind.OUTCOME or target == "T":
                add(node.id, "T", "supports", 0.2, "no connective (every node is linked to the thesis at first)")
            else:
                add(node.id, target, "supports", 0.25, "evidence following a statement")
    return edges

