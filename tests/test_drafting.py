"""`argmap new` and `argmap draft`: maps made from a plain text validate, every quote they write
anchors exactly where it was cut, and the JSON contract holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.drafting import quote_at
from argmap.segmentation import segment
from conftest import MAPS, SEEDS
from strategies import CHARACTERS, HOSTILE

ODD_TEXTS = {
    "empty": "",
    "blank": " \n\t\r\n  ",
    "one line": "Cities should ban cars from their centres",
    "no punctuation": "cars pollute the air and cities should ban them and people will walk more",
    "only punctuation": "... !!! ??? ;;; ---",
    "non-ASCII": "Städte sollten Autos verbannen. Die Luft wird sauberer — 30 % weniger Stickoxid! 東京は静かだ。",
    "CRLF": ("A Title For Testing\r\n\r\nCities should ban cars.\r\nThe air will be cleaner.\r\n"
             "However, shops may lose.\r\n"),
    "ellipses": "...and so it begins. It was fine... mostly. Then... nothing…",
    "repeated": "Cars pollute. Cars pollute. Therefore cities should ban cars. Cars pollute.",
    "one word": "Hello",
    "digits": "1\n2\n3\n",
}

ESSAY = """Should Cities Ban Cars From Their Centres?

By Jane Q. Doe
March 3, 2021

Traffic fills every street of the old town. Some people say that cars bring customers to the shops.
However, I believe that cities should ban cars from their centres.

First, cars pollute the air: the city measured 40 % more nitrogen dioxide in 2019 than in 2009.
Because of the noise, families have moved out, and the traffic hampers buses.
Moreover, a ban will make the streets safer for children.

In conclusion, banning cars from city centres is the right measure for cleaner and safer cities.
"""


def _anchored_problems(amap: argmap.ArgumentMap, text: str) -> list[argmap.Problem]:
    anchored, problems = argmap.anchor_problems(amap, text)
    return problems + [p for p in argmap.validate(anchored) if p.severity is argmap.Severity.ERROR]


# --- new ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(ODD_TEXTS))
def test_new_map_is_valid_on_odd_texts(name: str) -> None:
    """Any plain text gets a skeleton that validates: a quoted stub or an implicit placeholder."""
    text = ODD_TEXTS[name]
    amap = argmap.new_map(text, source_file="t.txt")
    assert _anchored_problems(amap, text) == []
    assert argmap.loads(argmap.dumps(amap)) == amap
    thesis = amap.thesis
    assert thesis is not None and thesis.draft is not None
    assert thesis.implicit == (not any(ch.isalpha() for ch in text))


def test_new_map_reads_the_front_matter() -> None:
    """Title, author and year come from the opening lines; the essay's thesis is the stub."""
    amap = argmap.new_map(ESSAY, source_file="essay.txt")
    assert amap.source.title == "Should Cities Ban Cars From Their Centres?"
    assert amap.source.author == "Jane Q. Doe"
    assert amap.source.year == 2021
    assert amap.source.id == "essay"
    assert amap.thesis is not None
    assert "I believe that cities should ban cars" in amap.thesis.quotes[0].text


def test_new_map_states_nothing_the_text_does_not() -> None:
    """A text that opens with its argument has no title, author or year."""
    amap = argmap.new_map(ODD_TEXTS["CRLF"].split("\r\n\r\n", 1)[1], source_file="x.txt")
    assert (amap.source.title, amap.source.author, amap.source.year, amap.source.note) == (None, None, None, None)


@pytest.mark.parametrize(("seed", "title", "author"), [
    ("000_f76993662e59505e.txt", None, None),
    ("001_05876df297dd2348.txt", None, None),
    ("002_4ab32d477761dcfb.txt", "Pak-Russia Relations: Lost Opportunities and Future Options", "Nazir Hussain"),
    ("003_6bb22c12f58e7a4f.txt", "Pakistan-Russia Relations Mark Shifting Sands in South Asia", None),
    ("004_4a7f552bde28ea82.txt", None, None),
])
def test_front_matter_of_the_seeds(seed: str, title: str | None, author: str | None) -> None:
    """What the seeds' opening lines state, as seeds/SOURCES.yaml records it."""
    amap = argmap.new_map((SEEDS / seed).read_text(encoding="utf-8"), source_file=seed)
    assert (amap.source.title, amap.source.author, amap.source.year) == (title, author, None)


def test_exclude_candidates_anchor_each_occurrence() -> None:
    """A running header is excluded at every place it stands, not only the first; a reference
    list is quoted by its ends."""
    body = "\n".join(f"Paragraph {i} argues a point at some length, with a reason." for i in range(6))
    header = "Journal of Examples"
    text = (f"{header}\n{body}\n{header}\n{body}\n{header}\nMore text follows here.\n"
            "References\nSmith, J. (2001). A book nobody quotes. Oxford University Press, with many more words "
            "in the entry than anyone reads. http://example.org/book and the second entry runs on as well.\n")
    amap = argmap.new_map(text, source_file="t.txt")
    src = argmap.SourceText(text)
    starts = []
    for q in amap.excluded:
        match = src.find(q.text, occurrence=q.occurrence or 1)
        assert match is not None
        starts.append(match.spans[0].start)
    headers = [i for i in range(len(text)) if text.startswith(header, i)]
    assert set(headers) <= set(starts)
    assert any("..." in q.text for q in amap.excluded)  # the references, shortened


# --- quotes cut by offsets ------------------------------------------------------------------------

_PROSE = st.lists(st.one_of(
    st.sampled_from(["Cars pollute.", "However, shops may lose.", "Therefore cities should ban cars.",
                     "It will rain in 2030.", "Due to the noise, families left.", "...", "…", "\r\n", "\n\n",
                     "Dr. Smith said so.", "e.g. this", " ", "U.S.", "-\n", "“Quoted.”"]),
    st.text(st.one_of(st.sampled_from(HOSTILE), st.sampled_from("abc .,"), CHARACTERS), max_size=12),
), max_size=14).map("".join)


@settings(max_examples=150, deadline=None)
@given(_PROSE)
def test_every_quote_the_draft_writes_anchors_where_it_was_cut(text: str) -> None:
    """Property: for any text, each quote of the draft's map (nodes and `exclude`) is found in
    the text at the offsets of the passage it was cut from, and the map validates."""
    result = argmap.draft(text, source_file="t.txt")
    src = argmap.SourceText(text)
    for node in result.nodes:
        amap_node = result.map.node(node.id)
        q = amap_node.quotes[0]
        match = src.find(q.text, occurrence=q.occurrence or 1)
        assert match is not None
        assert (match.spans[0].start, match.spans[-1].end) == (node.start, node.end)
        assert text[node.start:node.end] == node.text
    for q in result.map.excluded:
        assert src.find(q.text, occurrence=q.occurrence or 1) is not None
    assert _anchored_problems(result.map, text) == []
    for c in result.thesis_candidates:
        assert text[c.start:c.end] == c.text and 0 <= c.score <= 1


@settings(max_examples=200, deadline=None)
@given(_PROSE, st.data())
def test_quote_at_anchors_exactly_or_refuses(text: str, data: st.DataObject) -> None:
    """Property: a quote cut from any passage anchors exactly at that passage (its whitespace and
    ellipses at the ends left out), or none is made."""
    src = argmap.SourceText(text)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    q = quote_at(src, a, b, shorten=data.draw(st.booleans()))
    if q is None:
        return
    match = src.find(q.text, occurrence=q.occurrence or 1)
    assert match is not None and match.spans == q.spans
    assert a <= q.spans[0].start and q.spans[-1].end <= b
    assert text[a:q.spans[0].start].strip(" \t\r\n.…") == "" or text[a:q.spans[0].start].isspace()


# --- draft ----------------------------------------------------------------------------------------

def test_json_contract() -> None:
    """`thesis_candidates` is a list, best first, of {start, end, text, score} with str offsets
    into the text as given (CRLF counted as two characters)."""
    text = ESSAY.replace("\n", "\r\n")
    data = json.loads(json.dumps(argmap.draft(text).to_dict()))
    cands = data["thesis_candidates"]
    assert cands and all(set(c) == {"start", "end", "text", "score"} for c in cands)
    assert [c["score"] for c in cands] == sorted((c["score"] for c in cands), reverse=True)
    for c in cands:
        assert isinstance(c["start"], int) and isinstance(c["end"], int)
        assert text[c["start"]:c["end"]] == c["text"]
        assert 0 <= c["score"] <= 1
    assert "I believe that cities should ban cars" in cands[0]["text"]
    for n in data["nodes"]:
        assert text[n["start"]:n["end"]] == n["text"] and 0 <= n["draft"] <= 1
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    assert set(data) >= {"thesis_candidates", "nodes", "edges", "sentences", "exclude", "map", "source"}


def test_draft_proposes_kinds_signs_and_edges() -> None:
    """Cue words give kinds; a verb that holds back gives a negative causal sign; connectives
    give edges; everything is marked draft."""
    result = argmap.draft(ESSAY)
    kinds = {n.text.split()[0]: n.kind.value for n in result.nodes}
    assert kinds["First,"] == "evidence"
    assert kinds["Moreover,"] == "prediction"
    assert kinds["Because"] == "factor"
    causes = [e for e in result.map.edges if e.relation is argmap.Relation.CAUSES]
    assert causes and all(e.sign is not None for e in causes)
    assert all(n.draft is not None for n in result.map.nodes)
    assert all(e.draft is not None for e in result.map.edges)
    warnings = [p for p in argmap.validate(result.map) if p.code == "unreviewed-draft"]
    assert len(warnings) == len(result.map.nodes) + len(result.map.edges)


def test_vocabulary_links_concepts_with_a_stance() -> None:
    """A cue term links its concept; a proposition gets a stance (validation requires one)."""
    vocabulary = argmap.loads_vocabulary(
        "concepts:\n"
        "  - {id: air, kind: factor, label: Air, cues: [nitrogen dioxide, pollute]}\n"
        "  - {id: ban-works, kind: proposition, label: A ban works, cues: [ban]}\n")
    result = argmap.draft(ESSAY, vocabulary=vocabulary)
    assert set(result.map.concepts) == {"air", "ban-works"}
    assert all(n.stance is not None for n in result.map.nodes if n.concept == "ban-works")
    assert [p for p in argmap.validate(result.map, vocabulary) if p.severity is argmap.Severity.ERROR] == []


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_draft_of_each_seed_validates(seed: str, tmp_path: Path) -> None:
    """`argmap draft` on each seed writes a map that validates: no errors, warnings only for the
    drafts."""
    out = tmp_path / "maps" / "draft.yaml"
    out.parent.mkdir()
    (out.parent / "concepts.yaml").write_bytes((MAPS / "concepts.yaml").read_bytes())
    assert main(["draft", str(SEEDS / seed), "-o", str(out), "-q"]) == 0
    problems = argmap.check(out)
    assert [p for p in problems if p.severity is argmap.Severity.ERROR] == []
    assert {p.code for p in problems} <= {"unreviewed-draft"}
    amap = argmap.load(out)
    assert amap.concepts  # the vocabulary beside the map was used


# --- command line ---------------------------------------------------------------------------------

def test_cli_new_writes_a_valid_skeleton_and_keeps_an_existing_map(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "essay.txt").write_text(ESSAY, encoding="utf-8")
    out = tmp_path / "maps" / "essay.yaml"
    out.parent.mkdir()
    assert main(["new", str(tmp_path / "essay.txt"), "-o", str(out)]) == 0
    assert "thesis stub" in capsys.readouterr().err
    amap = argmap.load(out)
    assert amap.source.file == "../essay.txt"
    assert amap.source.id == "essay"
    assert main(["validate", str(out), "-q"]) == 0
    before = out.read_bytes()
    assert main(["new", str(tmp_path / "essay.txt"), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert main(["new", str(tmp_path / "essay.txt"), "-o", str(out), "--force"]) == 0


def test_cli_draft_json(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "essay.txt").write_bytes(ESSAY.replace("\n", "\r\n").encode())
    monkeypatch.chdir(tmp_path)  # restored after the test: later tests use paths relative to the checkout
    assert main(["draft", "essay.txt", "--format", "json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    text = (tmp_path / "essay.txt").read_bytes().decode("utf-8")
    assert all(text[c["start"]:c["end"]] == c["text"] for c in data["thesis_candidates"])
    assert data["map"]["source"]["file"] == "essay.txt"
    assert "thesis candidates" in captured.err


def test_cli_draft_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", str(tmp_path / "missing.txt")]) == 2
    assert "no such text file" in capsys.readouterr().err
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9 au lait")
    assert main(["draft", str(tmp_path / "bad.txt")]) == 1
    err = capsys.readouterr().err
    assert "bad.txt:1:4" in err and "UTF-8" in err


def test_cli_draft_names_a_vocabulary_elsewhere(tmp_path: Path) -> None:
    """A vocabulary not beside the map is written as the map's `vocabulary:`, so validate finds it."""
    (tmp_path / "essay.txt").write_text(ESSAY, encoding="utf-8")
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "v.yaml").write_text(
        "concepts:\n  - {id: air, kind: factor, label: Air, cues: [nitrogen dioxide, pollute]}\n", encoding="utf-8")
    out = tmp_path / "m.yaml"
    assert main(["draft", str(tmp_path / "essay.txt"), "--vocabulary", str(tmp_path / "vocab" / "v.yaml"),
                 "-o", str(out), "-q"]) == 0
    amap = argmap.load(out)
    assert amap.vocabulary == "vocab/v.yaml"
    assert "air" in amap.concepts
    assert [p for p in argmap.check(out) if p.severity is argmap.Severity.ERROR] == []


# --- segmentation ---------------------------------------------------------------------------------

def test_hard_wrapped_text_is_read_as_paragraphs() -> None:
    """Lines broken mid-sentence (text copied from a PDF) are joined; blank lines end paragraphs;
    headings open sections."""
    para = ("The first sentence of this paragraph runs on across a line break that\n"
            "the layout put there. A second sentence follows it and it also runs on\n"
            "over the next line of the page without a care.\n")
    text = "Introduction\n\n" + para * 2 + "\nResults\n\n" + para * 2
    seg = segment(text)
    assert seg.wrapped
    assert [text[a:b] for a, b in seg.headings] == ["Introduction", "Results"]
    first = seg.sentences[0]
    assert " ".join(text[first.start:first.end].split()).endswith("the layout put there.")
    assert {s.section for s in seg.sentences} == {"Introduction", "Results"}


@pytest.mark.parametrize(
    ("sentence", "label"),
    [("In conclusion, cities should phase out cars in their centres.", "Cities should phase out cars in their centres"),
     ("I believe that the treaty will hold.", "The treaty will hold"),
     ("However, to conclude, the IMF matters.", "The IMF matters"),
     ("Overall growth rose in 2020.", "Overall growth rose in 2020")],
)
def test_a_drafted_label_leaves_out_the_opening_markers(sentence: str, label: str) -> None:
    """A proposed label says the point, not the marker that made it a candidate; a word that
    only looks like one ("Overall growth") stays."""
    from argmap.drafting import _label

    assert _label(sentence) == label


def test_the_drafted_thesis_label_has_no_conclusion_marker() -> None:
    """The thesis stub a newcomer got read "In conclusion, cities should ..."."""
    text = ("Cars in the centre\n\nTraffic fills the streets every morning. Noise keeps people awake.\n\n"
            "In conclusion, cities should phase out cars in their centres.\n")
    thesis = argmap.draft(text).map.thesis
    assert thesis is not None and thesis.label == "Cities should phase out cars in their centres"


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [("Ties improved not only in trade but also in defence.", False),
     ("There is no doubt that the visit mattered.", False),
     ("The visit did not change the balance.", True),
     ("No agreement was signed in 2011.", True),
     ("Moscow could not only talk; it had to act.", False)],
)
def test_additive_not_only_is_not_a_denial(sentence: str, negated: bool) -> None:
    """"Not only ... but also" and "no doubt" add or affirm; a draft must not read them as a
    denial (a reviewer found "not only" proposals marked `stance: denies`)."""
    from argmap.cues import read_sentence

    assert read_sentence(sentence).negated is negated
