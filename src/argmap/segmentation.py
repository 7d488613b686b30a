"""A plain text cut into its parts: lines, passages that are not argument, paragraphs,
sentences, sections and the front matter (title, author and date lines).

The coverage audit (:mod:`argmap.coverage`) and the drafts (:mod:`argmap.drafting`) share
this reading of a text, so that what the audit sets aside as not argument is what a draft
proposes to ``exclude``. Every part is a pair of character offsets ``[start, end)`` into the
text exactly as given (Python ``str`` offsets: a ``\\r\\n`` counts as two characters), never a
copy that has been cleaned up, so anything cut from it is verbatim.

Sentences come from sentencex (Wikimedia's rule-based segmenter: abbreviations, decimals,
quotations; offline, no model to download) run on one paragraph at a time. Paragraphs are
found first, here, because sources come in two layouts: one paragraph per line (web
articles), or hard-wrapped at a fixed width, as text copied from a PDF is, where a line
break inside a paragraph is only a space.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cached_property

import attrs

__all__ = [
    "FrontMatter",
    "Paragraph",
    "Segmentation",
    "Sentence",
    "boilerplate",
    "cue_pattern",
    "line_spans",
    "segment",
]

# Headings that open a section of apparatus running to the end of the text.
_APPARATUS_HEADING = re.compile(
    r"^[ \t]*(references|bibliography|works cited|end ?notes|notes?|footnotes|sources|"
    r"related articles|further reading)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_URL = re.compile(r"(?:https?://|www\.)\S+")
_TERMINAL = ".!?,;:\"”’)"
_SENTENCE_END = ".!?;:\"”’)]…"


def line_spans(text: str) -> list[tuple[int, int]]:
    """Each line's ``(start, end)`` offsets, its line break included (``str.splitlines``'s
    idea of a line break)."""
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        out.append((pos, pos + len(line)))
        pos += len(line)
    return out


def _title_cased(line: str) -> bool:
    """Whether most longer words of a line are capitalised, as in a title ("Should Cities Ban
    Cars from Their Centres?"), unlike a sentence that asks a question."""
    words = [w for w in line.split() if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def boilerplate(text: str, lines: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """Spans of ``text`` that are not argument, each ``(start, end, reason)``, in text order
    within each kind (they may overlap).

    Reasons: a ``'references' section`` (an apparatus heading in the last two thirds of the
    text, to the end), ``URL``, ``repeated line (running header)`` (a short line found three
    times or more), ``footnote number`` (a line of one to three digits) and ``heading`` (a
    short capitalised line without final punctuation, or a title-cased question, after a
    finished sentence or below a heading paragraph). ``lines``
    defaults to :func:`line_spans` of the text. Never raises.
    """
    if lines is None:
        lines = line_spans(text)
    found: list[tuple[int, int, str]] = []
    heading = _APPARATUS_HEADING.search(text)
    if heading is not None and heading.start() > len(text) // 3:
        found.append((heading.start(), len(text), f"'{heading.group(1)}' section"))
    found.extend((m.start(), m.end(), "URL") for m in _URL.finditer(text))
    stripped = [text[a:b].strip() for a, b in lines]
    counts = Counter(s for s in stripped if s and len(s) <= 60)
    prev = ""
    heading_above = blank = False  # a heading paragraph just above (headings stack: title, section)
    for (a, b), s in zip(lines, stripped, strict=True):
        if not s:
            blank = True
            continue
        is_heading = False
        if counts[s] >= 3:
            found.append((a, b, "repeated line (running header)"))
            is_heading = True
        elif s.isdigit() and len(s) <= 3:
            found.append((a, b, "footnote number"))
        elif (len(s) <= 60 and len(s.split()) <= 10 and s[0].isupper()
              and (s[-1] not in _TERMINAL or (s[-1] == "?" and _title_cased(s)))
              and (not prev or prev[-1] in ".!?\"”’:" or (heading_above and blank))):
            found.append((a, b, "heading"))
            is_heading = True
        prev, heading_above, blank = s, is_heading, False
    return found


def cue_pattern(cue: str) -> re.Pattern[str]:
    """A regular expression for a vocabulary cue term as a whole word or phrase: acronyms
    (``US``, ``IMF``) match in capitals only, other cues in any case."""
    # The cue comes first and the "no letter before it" check after it, as a lookbehind over
    # the cue's own length (a case-insensitive match is as long as the cue: re folds case one
    # character to one): a pattern that starts with its literal is found by a quick scan of
    # the text, one that starts with a lookbehind is tried at every character (2-3x slower).
    flags = 0 if cue.isupper() else re.IGNORECASE
    return re.compile(rf"{re.escape(cue)}(?<!\w.{{{len(cue)}}})(?!\w)", flags | re.DOTALL)


@attrs.frozen
class Sentence:
    """One sentence: its offsets (surrounding whitespace left out), its place in the text
    (0-based index among the text's sentences, paragraph index, index within the paragraph)
    and the heading of the section it lies in (None before the first heading)."""

    start: int
    end: int
    index: int
    paragraph: int
    position: int
    section: str | None = None


@attrs.frozen
class Paragraph:
    """A run of text between paragraph breaks, headings and set-aside lines: its offsets, the
    indices of its sentences and the heading of its section."""

    start: int
    end: int
    sentences: tuple[int, ...]
    section: str | None = None


@attrs.frozen
class FrontMatter:
    """What the opening lines of a text state about it, each as ``(start, end)`` offsets of the
    stated words, or None where the text does not state it; ``year`` is read from the date line.
    """

    title: tuple[int, int] | None = None
    author: tuple[int, int] | None = None
    date: tuple[int, int] | None = None
    year: int | None = None


@attrs.frozen
class Segmentation:
    """A text cut into its parts (see :func:`segment`)."""

    text: str
    lines: tuple[tuple[int, int], ...]
    set_aside: tuple[tuple[int, int, str], ...]
    headings: tuple[tuple[int, int], ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    front: FrontMatter
    wrapped: bool

    def passage(self, start: int, end: int) -> str:
        """The text between two offsets on one line (runs of whitespace as one space)."""
        return " ".join(self.text[start:end].split())

    @cached_property
    def exclude_candidates(self) -> tuple[tuple[int, int, str], ...]:
        """Set-aside passages a map may mark ``exclude`` (headings left out: they are part of
        the text's structure, not furniture), merged where they overlap, in text order."""
        spans = sorted((a, b, why) for a, b, why in self.set_aside if why != "heading")
        merged: list[tuple[int, int, str]] = []
        for a, b, why in spans:
            if merged and a < merged[-1][1]:
                pa, pb, pwhy = merged[-1]
                merged[-1] = (pa, max(pb, b), pwhy)
            else:
                merged.append((a, b, why))
        return tuple(merged)


_HYPHEN_BREAK = re.compile(r"\w-$")
_DATE = re.compile(
    r"(?i)^(?:(?:published|posted|updated|dated?|date)\s*:?\s*)?(?:on\s+)?"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?((?:1[6-9]|20)\d\d)\b"
    r"|^(?:(?:published|posted|updated|dated?|date)\s*:?\s*)?((?:1[6-9]|20)\d\d)[-/.]\d{1,2}[-/.]\d{1,2}\b"
    r"|^(?:(?:published|posted|updated|dated?|date)\s*:?\s*)?\d{1,2}[-/.]\d{1,2}[-/.]((?:1[6-9]|20)\d\d)\b")
_BYLINE = re.compile(r"(?i)^(?:by|written by|author(?:s|\(s\))?\s*:)\s+(\S.*?)\s*$")
_NAME_WORD = re.compile(r"(?:[A-Z][\w'’-]*\.?|(?:de|van|von|der|den|da|di|le|la|bin|ibn|al|el|and|&))$")
_FOOTNOTE_MARKS = "*†‡§0123456789¹²³⁴⁵⁶⁷⁸⁹⁰ "
#: Opening lines that name a part of a paper, not the paper.
_PART_NAMES = frozenset({
    "abstract", "summary", "introduction", "contents", "table of contents", "key words", "keywords",
    "preface", "foreword", "executive summary", "overview", "background",
})


def _is_name(words: list[str]) -> bool:
    return (2 <= len(words) <= 8 and words[0][:1].isupper() and words[-1][:1].isupper()
            and all(_NAME_WORD.match(w.rstrip(",;")) for w in words))


def _front_matter(text: str, lines: list[tuple[int, int]], first_body: int,
                  set_aside: dict[int, str]) -> FrontMatter:
    """Title, author and date lines among the lines before the first paragraph of prose."""
    title = author = date = None
    year = None
    repeated = Counter(text[a:b].strip() for a, b in lines[:first_body])
    candidates: list[tuple[int, int, str]] = []
    for i, (a, b) in enumerate(lines[:first_body]):
        s = text[a:b].strip()
        if not s or set_aside.get(i, "") in ("URL", "footnote number"):
            continue
        lead = a + text[a:b].index(s[0])
        end = lead + len(s)
        if date is None and (m := _DATE.match(s)) is not None and len(s) <= 60:
            date = (lead, end)
            year = int(next(g for g in m.groups() if g))
            continue
        if author is None and (m := _BYLINE.match(s)) is not None and len(s) <= 100:
            author = (lead + m.start(1), lead + m.end(1))
            continue
        candidates.append((lead, end, s))
    # The title: a line of three words or more that is not the name of a part of a paper,
    # not a breadcrumb trail, and ends like a title; a line repeated in the opening (web pages
    # print their title more than once) wins.
    titles = [(a, b, s) for a, b, s in candidates
              if len(s.split()) >= 3 and len(s) <= 200 and "|" not in s and s[-1] not in ".,;"
              and s.lower().rstrip(":") not in _PART_NAMES and not _is_name(s.rstrip(_FOOTNOTE_MARKS).split())]
    if titles:
        twice = [t for t in titles if repeated[t[2]] >= 2]
        a, b, s = (twice or titles)[0]
        title = (a, b)
        if author is None:  # an author's name on its own line right after the title
            after = [c for c in candidates if c[0] > a]
            if after:
                na, _nb, ns = after[0]
                name = ns.rstrip(_FOOTNOTE_MARKS)  # a bare name only with the mark of an author's note
                if name and name != ns and _is_name(name.split()):
                    author = (na, na + len(name))
    return FrontMatter(title=title, author=author, date=date, year=year)


def _is_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether the text is hard-wrapped: most lines of prose are short and break mid-sentence."""
    prose = [text[a:b].rstrip() for a, b in lines if len(text[a:b].strip()) >= 20]
    if len(prose) < 8:
        return False
    open_ended = sum(1 for s in prose if s[-1] not in _SENTENCE_END)
    long = sum(1 for s in prose if len(s) > 150)
    return long <= 0.1 * len(prose) and open_ended >= 0.4 * len(prose)


def _blocks(text: str, lines: list[tuple[int, int]], wrapped: bool,
            line_kind: dict[int, str]) -> Iterator[tuple[list[int], bool]]:
    """Runs of line indices that form one paragraph (or one set-aside line), each with
    whether it is prose (True) or a set-aside line (False)."""
    stripped = [text[a:b].strip() for a, b in lines]
    # In a wrapped text, how many blank lines usually stand between two lines of a paragraph.
    gap = 0
    if wrapped:
        gaps: Counter[int] = Counter()
        blank = 0
        for s in stripped:
            if not s:
                blank += 1
                continue
            gaps[blank] += 1
            blank = 0
        gap = 1 if gaps[1] > gaps[0] else 0
    # Outside a wrapped text, a short line continues into the next where blank lines are what
    # separates paragraphs (plain text typed with line breaks, Markdown-like).
    blank_separated = not wrapped and re.search(r"\S[^\S\n]*\n[^\S\n]*(?:\r?\n)", text) is not None
    current: list[int] = []
    blank = 0
    for i, s in enumerate(stripped):
        if not s:
            blank += 1
            continue
        if i in line_kind:
            if current:
                yield current, True
                current = []
            yield [i], False
            blank = 0
            continue
        if current:
            prev = stripped[current[-1]]
            soft = (wrapped and blank <= gap and (
                prev[-1] not in _SENTENCE_END or _HYPHEN_BREAK.search(prev) is not None
                or not s[0].isupper() or len(prev) >= 50)) or (
                not wrapped and blank == 0 and (
                    (blank_separated and len(prev) <= 120)
                    or (prev[-1] not in _SENTENCE_END and (s[0].islower() or _HYPHEN_BREAK.search(prev) is not None))))
            if not soft:
                yield current, True
                current = []
        current.append(i)
        blank = 0
    if current:
        yield current, True


def _sentence_spans(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """Sentence offsets within ``text[start:end]`` (line breaks read as spaces), trimmed."""
    from sentencex import get_sentence_boundaries  # type: ignore[import-untyped]  # no type information shipped

    chunk = re.sub(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]", " ", text[start:end])  # same length
    out = []
    for b in get_sentence_boundaries(language, chunk):
        a, z = start + b["start_index"], start + b["end_index"]
        while a < z and text[a].isspace():
            a += 1
        while z > a and text[z - 1].isspace():
            z -= 1
        if a < z:
            out.append((a, z))
    return out


def segment(text: str, *, language: str = "en") -> Segmentation:
    """Cut a text into lines, set-aside passages, paragraphs, sentences and sections, and read
    its front matter.

    ``language`` is an ISO 639 code for sentencex's abbreviation rules (English by
    default; an unknown code falls back to English). Works on any string, empty included;
    never raises.
    """
    lines = line_spans(text)
    set_aside = boilerplate(text, lines)
    line_at = {a: i for i, (a, _b) in enumerate(lines)}
    line_kind: dict[int, str] = {}
    for a, _b, why in set_aside:
        if a in line_at and why != "URL":
            line_kind[line_at[a]] = why
    apparatus = min((a for a, _b, why in set_aside if why.endswith("section")), default=len(text))
    wrapped = _is_wrapped(text, lines)

    blocks = list(_blocks(text, lines, wrapped, line_kind))
    if not any(prose for _idx, prose in blocks):  # only short lines: read them as prose, not headings
        line_kind = {i: why for i, why in line_kind.items() if why != "heading"}
        blocks = list(_blocks(text, lines, wrapped, line_kind))
    prose_blocks = [idx for idx, prose in blocks if prose]
    first_body = next((idx[0] for idx in prose_blocks if _is_body(text, lines, idx)), None)
    if first_body is None:  # a short text: its first sentence, else its first line of prose
        first_body = next((idx[0] for idx in prose_blocks
                           if text[lines[idx[0]][0]:lines[idx[-1]][1]].rstrip()[-1:] in (".", "!", "?")),
                          prose_blocks[0][0] if prose_blocks else len(lines))
    front = _front_matter(text, lines, first_body, line_kind)
    front_spans = [s for s in (front.title, front.author, front.date) if s is not None]

    headings: list[tuple[int, int]] = []
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    section: str | None = None
    for idx, prose in blocks:
        a, b = lines[idx[0]][0], lines[idx[-1]][1]
        if a >= apparatus:
            break
        if any(fa <= a < fb or a <= fa < b for fa, fb in front_spans):
            continue
        s = text[a:b].strip()
        if not prose or idx[0] < first_body:
            if _is_section_heading(s, line_kind.get(idx[0]), before_body=idx[0] < first_body):
                lead = a + text[a:b].index(s[0])
                headings.append((lead, lead + len(s)))
                section = s
            continue
        found: list[Sentence] = []
        for sa, sb in _sentence_spans(text, a, b, language):
            if any(ch.isalpha() for ch in text[sa:sb]):
                found.append(Sentence(sa, sb, len(sentences) + len(found), len(paragraphs), len(found), section))
        if found:
            sentences.extend(found)
            paragraphs.append(Paragraph(found[0].start, found[-1].end, tuple(s.index for s in found), section))
    return Segmentation(text=text, lines=tuple(lines), set_aside=tuple(set_aside), headings=tuple(headings),
                        paragraphs=tuple(paragraphs), sentences=tuple(sentences), front=front, wrapped=wrapped)


_CAPTION = re.compile(r"(?i)^(?:credit|photo|image|picture|source|caption|figure|fig\.|table|key ?words)\b")


def _is_section_heading(line: str, kind: str | None, *, before_body: bool) -> bool:
    """Whether a line opens a section: a heading that is not a caption, a key-word list or a
    stray line of a footnote; before the first paragraph, only the name of a part of a paper."""
    if before_body:
        return line.lower().rstrip(":") in _PART_NAMES
    return kind == "heading" and not _CAPTION.match(line) and line.count(",") < 2 and not _URL.search(line)


def _is_body(text: str, lines: list[tuple[int, int]], idx: list[int]) -> bool:
    """Whether a block is prose rather than an opening line: long, or several sentences."""
    words = text[lines[idx[0]][0]:lines[idx[-1]][1]].split()
    ends = sum(1 for w in words if w[-1] in ".!?")
    return len(words) >= 20 or (len(words) >= 8 and ends >= 2)
