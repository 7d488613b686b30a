"""Ranking a text's sentences as candidates for its thesis (the central claim).

No model is trained: each sentence gets a score from cues that the literature on argument
mining reports for major claims and central claims (Stab & Gurevych 2014 and 2017 on
persuasive essays; Peldszus & Stede 2015 on the argumentative microtexts):

* **position**: the first sentence of the text, the last sentence of its first paragraph
  (where an essay states its position), the first and last sentences of the last paragraph
  (where it is restated), and any sentence of a section called introduction, abstract or
  conclusion;
* **the title**: the share of the title's content words that the sentence repeats;
* **stance and conclusion markers**: "I believe", "this paper argues", "in conclusion",
  "therefore", "that is why", and normative modals ("should", "must", "it is high time");
* **against**: sentences that open with a concession ("of course", "admittedly") or a
  reason ("for example", "because", "moreover"), questions, and very short or very long
  sentences.

A sentence whose main clause is followed by a reason ("X, since Y"; "X; this ...") or
preceded by a concession or reason ("Although Y, X") is proposed as the main clause alone,
where that clause is at least half of the sentence (so that the candidate overlaps most of
the claim whether an annotator marked the clause or the whole sentence).
The score of each cue is a fixed weight; the sum is squashed into 0..1 (a logistic curve),
so scores compare within and across texts but are not calibrated probabilities.
benchmarks/draft.py measures the ranking (docs/authoring.md gives the figures).
"""

from __future__ import annotations

import math
import re
from collections import Counter

import attrs

from argmap.segmentation import Segmentation, Sentence

__all__ = ["ThesisCandidate", "content_words", "rank_theses"]


@attrs.frozen
class ThesisCandidate:
    """A proposed thesis: character offsets ``[start, end)`` into the text, the text between
    them (verbatim), its score (0..1, higher is likelier), the index of the sentence it lies
    in, and the cues that raised or lowered the score."""

    start: int
    end: int
    text: str
    score: float
    sentence: int
    cues: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """``{"start", "end", "text", "score"}``: the JSON contract of ``argmap draft``."""
        return {"start": self.start, "end": self.end, "text": self.text, "score": round(self.score, 4)}


_STOP_WORDS = """
a an the and or but nor so yet for of in on at to from by with without into onto over under
about above below after before between through during since until than as is are was were be
been being am do does did done have has had having it its it's this that these those there
their they them he she his her we our us you your i me my mine not no also more most very can
could would should will shall may might must which who whom whose what when where why how all
any each both either neither some such only own same other than too just then thus however
"""
_STOP = frozenset(_STOP_WORDS.split())

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def content_words(text: str) -> list[str]:
    """The text's words that carry content, lower-cased and cut to a crude stem (the first six
    letters of each part of a hyphenated word), stop words left out."""
    out = []
    for word in _WORD.findall(text.lower()):
        for part in re.split(r"[-'’]", word):
            if len(part) > 2 and part not in _STOP and not part.isdigit():
                out.append(part[:6])
    return out


def _cues(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)", re.IGNORECASE)


# Phrases that announce the writer's position or the text's main point.
_STANCE = _cues(
    r"I (?:strongly |firmly |personally |really |do )?(?:believe|think|argue|contend|maintain|hold|"
    r"feel|am convinced|am of the opinion|would argue|agree|disagree|find|claim|suggest|propose)",
    r"we (?:believe|argue|contend|maintain|hold|propose|suggest|claim|show)",
    r"in my (?:opinion|view|eyes|judgement|judgment)", r"from my (?:point of view|perspective)",
    r"my (?:view|opinion|position|argument|point|contention) is",
    r"(?:this|the present|our) (?:paper|article|essay|study|chapter|analysis|piece|report) "
    r"(?:argues|contends|claims|shows|suggests|maintains|holds|proposes|demonstrates|concludes|is an attempt)",
    r"(?:the|my|our|this) (?:main |central )?(?:argument|thesis|claim|contention) (?:here |of this \w+ )?is",
    r"it (?:is|will be) argued", r"(?:it|this) is (?:clear|evident|obvious|undeniable) that",
    r"there is no doubt that", r"(?:it|this) can be (?:argued|concluded|said) that",
)
# Phrases that mark a conclusion drawn, wherever they stand in the sentence.
_CONCLUSION = _cues(
    r"therefore", r"thus", r"hence", r"consequently", r"accordingly", r"that is why", r"that's why",
    r"this is why", r"which is why", r"for (?:these|this|all these|all of these) reasons?",
    r"in conclusion", r"to conclude", r"in sum", r"in summary", r"to sum (?:it )?up", r"summing up",
    r"all in all", r"all things considered", r"on balance", r"in short", r"in a nutshell",
    r"as a result", r"it follows that", r"ultimately",
)
# Normative language: what ought to be done or be the case.
_NORMATIVE = _cues(
    r"should", r"shouldn't", r"must", r"mustn't", r"ought to", r"need(?:s)? to", r"has to", r"have to",
    r"it is (?:high )?time", r"(?:is|are) (?:imperative|essential|necessary|vital|crucial|indispensable)",
    r"would be (?:wise|better|sensible|advisable|best|desirable|right|wrong|fair|unfair)",
    r"(?:is|are) (?:(?:simply|just|clearly|therefore|thus) )?(?:right|wrong|unfair|fair|unjust|unjustifiable|"
    r"unacceptable|justified|the right \w+|the best \w+|a mistake|absurd|necessary)",
    r"deserves?", r"(?:is|are) (?:not )?(?:worth|practicable)", r"cannot be (?:accepted|justified|tolerated)",
    r"(?:is|are) (?:best|better) (?:off|suited)",
)
# Openings of a sentence that gives a reason or an example for another.
_REASON_OPENING = _cues(
    r"for (?:example|instance)", r"e\.g\.", r"because", r"since", r"as", r"firstly", r"secondly",
    r"thirdly", r"first(?: of all)?", r"second", r"third", r"finally", r"moreover", r"furthermore",
    r"in addition", r"additionally", r"besides", r"also", r"another", r"plus", r"after all",
    r"for one thing", r"what is more", r"not only", r"likewise", r"similarly", r"indeed", r"in fact",
    r"such as", r"according to", r"studies", r"research", r"statistics",
)
# Openings that concede a point the writer goes on to answer.
_CONCESSION_OPENING = _cues(
    r"of course", r"admittedly", r"granted", r"sure", r"certainly", r"yes", r"no doubt",
    r"it is true that", r"it's true that", r"true", r"some (?:people|may|might|would|argue|say|claim|think|believe)",
    r"many (?:people )?(?:think|believe|say|argue|claim)", r"opponents", r"critics", r"proponents",
    r"even (?:if|though)", r"although", r"though", r"while", r"whereas", r"on the one hand",
    r"it may (?:well )?be", r"one (?:may|might|could) (?:argue|say|object)", r"to be sure", r"clearly",
)
_CONTRAST_OPENING = _cues(r"however", r"but", r"yet", r"nevertheless", r"nonetheless", r"still",
                          r"even so", r"all the same", r"on the other hand", r"in contrast", r"that said",
                          r"having said that", r"despite (?:this|that|these|all)")
_EVIDENCE = re.compile(r"\b(?:1[5-9]|20)\d\d\b|\d+(?:[.,]\d+)?\s?(?:%|per ?cent|percent)|\(\D*\d{4}[a-z]?\)"
                       r"|\d+(?:[.,]\d+)?\s(?:million|billion|thousand|km|kg|dollars?|euros?)", re.IGNORECASE)
# A detachable reason after the main clause: after a comma (or a semicolon, a colon before a
# small letter, a dash), or one of the unambiguous subordinators without a comma.
_TRAILING_REASON = re.compile(r",\s*(?:since|because|as|for|given that|so that|considering that|seeing that|while|"
                              r"whereas|even though|although|though)\s|\s(?:because|given that|even though|although)\s"
                              r"|;\s+|:\s+(?=[a-z])|\s+[-–—]\s+")
_LEADING_CLAUSE = re.compile(r"^(?:since|because|as|although|though|even though|even if|while|whereas|given that|"
                             r"if|when|unless)\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r",\s+(?!(?:and|or|but|nor|etc)\b)(?=\S)")
_VERB = re.compile(r"(?i)\b(?:is|are|was|were|be|has|have|had|do|does|did|should|must|would|will|can|could|may|"
                   r"might|shall|ought|need|needs)\b|\w{3,}(?:s|ed)\b")

#: The weight of each cue (tuned on the seed texts and half of the microtexts; see benchmarks/draft.py).
WEIGHTS: dict[str, float] = {
    "first sentence": 1.6,
    "last sentence": 1.0,
    "end of first paragraph": 1.4,
    "start of last paragraph": 0.5,
    "introduction": 0.4,
    "conclusion": 0.4,
    "title": 2.5,
    "stance marker": 1.6,
    "conclusion marker": 1.4,
    "conclusion opening": 0.6,
    "normative": 1.1,
    "contrast opening": 0.2,
    "contrast in introduction": 0.6,
    "paragraph opening": 0.3,
    "reason opening": -1.4,
    "concession opening": -1.6,
    "question": -2.5,
    "evidence": -0.5,
    "short": -1.5,
    "long": -0.4,
    "centrality": 1.0,
    "restated": 2.0,
    "bias": -2.0,
}

_INTRO = re.compile(r"(?i)^(?:\d+[.)]?\s*)?(?:abstract|summary|introduction|overview|executive summary|preface)\b")
_CONCL = re.compile(r"(?i)^(?:\d+[.)]?\s*)?(?:conclusions?|concluding|summary|final (?:remarks|thoughts)|"
                    r"the way (?:ahead|forward)|outlook|recommendations?|discussion)\b")


def _main_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of a sentence's main clause where a reason or concession can be cut off."""
    sentence = text[start:end]
    a, z = 0, len(sentence)
    if _LEADING_CLAUSE.match(sentence):  # the main clause: after the last comma that opens one
        for m in reversed(list(_CLAUSE_START.finditer(sentence))):
            rest = sentence[m.end():]
            if len(rest) >= 25 and _VERB.search(rest):
                a = m.end()
                break
    trail = _TRAILING_REASON.search(sentence, a + 25)
    if trail is not None and len(sentence) - trail.start() >= 15:
        z = trail.start()
        while z > a and sentence[z - 1] in " ,;:":
            z -= 1
    return start + a, start + z


def _features(seg: Segmentation, s: Sentence, title: Counter[str], centrality: float,
              main: tuple[int, int], restated: float, ends: tuple[set[int], set[int]]) -> dict[str, float]:
    text = seg.text[s.start:s.end]
    detached = main[0] > s.start  # a leading reason or concession cut off: judge the main clause
    n_par = len(seg.paragraphs)
    last_par = seg.paragraphs[-1]
    first_par = seg.paragraphs[0]
    words = len(text.split())
    f: dict[str, float] = {}
    if s.index == 0:
        f["first sentence"] = 1
    if s.index == len(seg.sentences) - 1:
        f["last sentence"] = 1
    if n_par >= 2 and s.index == first_par.sentences[-1] and len(first_par.sentences) > 1:
        f["end of first paragraph"] = 1
    if n_par >= 2 and s.index == last_par.sentences[0] and len(last_par.sentences) > 1:
        f["start of last paragraph"] = 1
    if s.position == 0 and s.index > 0 and len(seg.paragraphs[s.paragraph].sentences) > 1:
        f["paragraph opening"] = 1
    if n_par >= 2 and s.index in ends[0]:
        f["introduction"] = 1
    if n_par >= 2 and s.index in ends[1]:
        f["conclusion"] = 1
    if title:
        words_here = set(content_words(text))
        f["title"] = sum(c for w, c in title.items() if w in words_here) / sum(title.values())
    head = text.lstrip("\"'“‘(").lstrip()
    if _STANCE.search(text):
        f["stance marker"] = 1
    if _CONCLUSION.search(text):
        f["conclusion marker"] = 1
        if _CONCLUSION.match(head):
            f["conclusion opening"] = 1
    if _NORMATIVE.search(text):
        f["normative"] = 1
    if _CONTRAST_OPENING.match(head):
        f["contrast opening"] = 1
        if "introduction" in f:
            f["contrast in introduction"] = 1
    elif _CONCESSION_OPENING.match(head) and not detached:
        f["concession opening"] = 1
    elif _REASON_OPENING.match(head) and "conclusion marker" not in f and not detached:
        f["reason opening"] = 1
    if text.rstrip("\"'”’)").endswith("?"):
        f["question"] = 1
    if _EVIDENCE.search(text):
        f["evidence"] = 1
    if words < 5:
        f["short"] = 1
    elif words > 60:
        f["long"] = 1
    f["centrality"] = centrality
    f["restated"] = restated
    f["bias"] = 1
    return f


def _centrality(seg: Segmentation) -> list[float]:
    """Each sentence's mean overlap (Jaccard of content words) with every other sentence,
    scaled so the most central sentence has 1."""
    bags = [set(content_words(seg.text[s.start:s.end])) for s in seg.sentences]
    if len(bags) < 3:
        return [0.0] * len(bags)
    df = Counter(w for bag in bags for w in bag)
    raw = []
    for bag in bags:
        shared = sum(1 for w in bag if df[w] > 1)
        raw.append(shared / (len(bag) + 5))
    top = max(raw) or 1.0
    return [r / top for r in raw]


def _ends(seg: Segmentation) -> tuple[set[int], set[int]]:
    """The sentences of the introduction and of the conclusion: the sections so named, else
    the opening and closing paragraphs holding at least a sixth of the sentences each."""
    n = len(seg.sentences)
    intro = {s.index for s in seg.sentences if s.section and _INTRO.match(s.section)}
    concl = {s.index for s in seg.sentences if s.section and _CONCL.match(s.section)}
    want = max(1, n // 6)
    if not intro:
        for p in seg.paragraphs:
            intro.update(p.sentences)
            if len(intro) >= want:
                break
    if not concl:
        for p in reversed(seg.paragraphs):
            concl.update(p.sentences)
            if len(concl) >= want:
                break
    return intro, concl


def _restated(seg: Segmentation, bags: list[set[str]], ends: tuple[set[int], set[int]]) -> list[float]:
    """For a sentence of the introduction, how closely some sentence of the conclusion says it
    again (Jaccard of content words), and the other way round; 0 elsewhere."""
    intro, concl = ends
    # At most the forty sentences nearest each end: enough for any introduction, and it keeps
    # the pairs to compare few in a long text.
    intro, concl = set(sorted(intro)[:40]), set(sorted(concl)[-40:])
    out = [0.0] * len(bags)
    for here, there in ((intro, concl), (concl, intro)):
        for i in here:
            others = [bags[j] for j in there if j != i]
            if bags[i] and others:
                out[i] = max(out[i], max(len(bags[i] & o) / len(bags[i] | o) for o in others))
    return out


#: Cues whose weight is shared out among the sentences that carry them: "therefore" in one
#: sentence of a short text says more than in twenty sentences of a long one.
_SHARED = ("stance marker", "conclusion marker", "conclusion opening", "normative")


def rank_theses(seg: Segmentation, *, title: str | None = None, limit: int | None = None) -> list[ThesisCandidate]:
    """The text's sentences as thesis candidates, best first (ties in text order).

    ``title`` defaults to the title the text states (:attr:`Segmentation.front`); ``limit``
    keeps the best ``limit`` candidates. Never raises; a text without sentences has none.
    """
    if not seg.sentences:
        return []
    if title is None and seg.front.title is not None:
        title = seg.text[seg.front.title[0]:seg.front.title[1]]
    title_words = Counter(content_words(title or ""))
    central = _centrality(seg)
    bags = [set(content_words(seg.text[s.start:s.end])) for s in seg.sentences]
    ends = _ends(seg)
    restated = _restated(seg, bags, ends)
    found = []
    for s, c, r in zip(seg.sentences, central, restated, strict=True):
        main = _main_clause(seg.text, s.start, s.end)
        found.append((s, main, _features(seg, s, title_words, c, main, r, ends)))
    carriers = Counter(k for _s, _m, f in found for k in _SHARED if f.get(k))
    out = []
    for s, (a, z), f in found:
        if z - a < (s.end - s.start) / 2:  # a main clause shorter than what is cut off: the sentence
            a, z = s.start, s.end
        raw = sum(WEIGHTS[k] * v / (math.sqrt(carriers[k]) if k in _SHARED else 1) for k, v in f.items())
        score = 1 / (1 + math.exp(-raw))
        cues = tuple(k for k, v in f.items() if v and k not in ("bias", "centrality"))
        out.append(ThesisCandidate(a, z, seg.text[a:z], score, s.index, cues))
    out.sort(key=lambda c: (-c.score, c.start))
    return out[:limit] if limit is not None else out
