"""Cue words that suggest what a sentence does in an argument: its node kind, a causal link
with its sign, and how its opening connective relates it to the sentence before.

The lists are English and deliberately short: a cue makes a proposal for a person to check,
never a decision (docs/authoring.md). Kinds, strongest first:

* recommendation: *should*, *must*, *need to*, *ought to*, *it is imperative*, *it is high time*;
* prediction: *will*, *likely*, *prospects*, *is expected to*, *in the coming years*;
* factor (a causal claim): *due to*, *led to*, *because of*, *hinder*, *hamper*, *boost*,
  *paved the way*; the sign is ``-`` for verbs that hold back (*hinder*, *prevent*,
  *undermine*) and ``+`` for the others, turned round where the effect named after the verb
  is itself a loss (*contributed to its inability*);
* evidence: a year, a figure, a date, a citation such as ``(Sattar, 2007)``, a named event
  (*the Tashkent Agreement*, *the Korean War*), *according to*;
* claim: a sentence with a stance marker or an opening connective and none of the above.

Openings: *therefore*, *thus*, *hence*, *so*: the sentence before supports this one;
*however*, *but*, *yet*, *nevertheless*: this one attacks the one before; *this is because*,
*for*, *after all*: this one supports the one before.
"""

from __future__ import annotations

import re

import attrs

from argmap.model import Kind

__all__ = ["Reading", "read_sentence"]


@attrs.frozen
class Reading:
    """What the cues say about one sentence: its kind (None where no cue speaks) with a
    confidence (0..1) and the cues found, a causal verb with its sign, the opening connective
    with the relation it suggests (``attacks``, ``concludes`` or ``reason``), whether the
    sentence is negated, and whether the causal sign is a guess."""

    kind: Kind | None
    confidence: float
    cues: tuple[str, ...] = ()
    causal: tuple[str, str] | None = None
    opening: tuple[str, str] | None = None
    negated: bool = False
    #: The causal verb says a cause but not its direction (*due to*, *led to*): the sign is a guess.
    sign_guessed: bool = False


def _words(*phrases: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(phrases) + r")(?![\w-])", re.IGNORECASE)


_RECOMMENDATION = _words(r"should", r"shouldn't", r"must", r"mustn't", r"ought to", r"needs? to", r"has to",
                         r"have to", r"it is (?:high )?time", r"(?:is|are) (?:imperative|essential|vital|crucial)",
                         r"recommend(?:s|ed)?", r"it is (?:necessary|advisable|important) (?:for|to|that)",
                         r"would be (?:wise|better|advisable|sensible)", r"let us", r"there is an urgent need")
_PREDICTION = _words(r"will", r"won't", r"shall", r"(?:is|are) (?:un)?likely", r"likely", r"prospects?",
                     r"(?:is|are) (?:expected|set|poised|bound|going) to",
                     r"in the (?:coming|next) (?:years?|decades?|months?)",
                     r"in (?:the )?future", r"forecasts?", r"outlook", r"may well", r"could well", r"is set to")
_HOLD_BACK = (r"hinder(?:s|ed|ing)?", r"hamper(?:s|ed|ing)?", r"prevent(?:s|ed|ing)?", r"imped(?:e|es|ed|ing)",
              r"undermin(?:e|es|ed|ing)", r"obstruct(?:s|ed|ing)?", r"weaken(?:s|ed|ing)?", r"damag(?:e|es|ed|ing)",
              r"harm(?:s|ed|ing)?", r"halt(?:s|ed|ing)?", r"block(?:s|ed|ing)?", r"strain(?:s|ed|ing)?",
              r"constrain(?:s|ed|ing)?", r"deter(?:s|red|ring)?", r"erod(?:e|es|ed|ing)", r"derail(?:s|ed|ing)?",
              r"stall(?:s|ed|ing)?", r"limit(?:s|ed|ing)?", r"reduc(?:e|es|ed|ing)", r"curtail(?:s|ed|ing)?",
              r"set back", r"held back", r"hold(?:s)? back", r"stand(?:s)? in the way")
_HELP = (r"boost(?:s|ed|ing)?", r"enabl(?:e|es|ed|ing)", r"allow(?:s|ed|ing)?", r"paved? the way",
         r"paves the way", r"facilitat(?:e|es|ed|ing)", r"strengthen(?:s|ed|ing)?", r"foster(?:s|ed|ing)?",
         r"promot(?:e|es|ed|ing)", r"encourag(?:e|es|ed|ing)", r"fuel(?:s|led|ed|ling)?", r"spur(?:s|red|ring)?",
         r"push(?:es|ed|ing)?", r"drove", r"driv(?:e|es|ing)", r"opened up", r"open(?:s)? up", r"help(?:s|ed)?",
         r"improv(?:e|es|ed)", r"brought about", r"br(?:ing|ings) about")
_NEUTRAL = (r"due to", r"because of", r"owing to", r"as a result of", r"led to", r"leads? to",
            r"result(?:s|ed)? in", r"caused", r"causes", r"contribut(?:e|es|ed) to", r"shaped by",
            r"driven by", r"stems? from", r"gave rise to", r"gives? rise to")
_CAUSAL = _words(*(f"(?P<minus{i}>{p})" for i, p in enumerate(_HOLD_BACK)),
                 *(f"(?P<plus{i}>{p})" for i, p in enumerate(_HELP)),
                 *(f"(?P<zero{i}>{p})" for i, p in enumerate(_NEUTRAL)))
_LOSS = _words(r"inability", r"unable", r"failure", r"failed", r"difficult", r"difficulty", r"decline",
               r"deteriorat\w*", r"tensions?", r"setbacks?", r"mistrust", r"distrust", r"suspicion",
               r"hostility", r"hostile", r"estrangement", r"isolation", r"instability", r"insecurity",
               r"conflict", r"rift", r"crisis", r"loss", r"lost", r"problems?", r"adverse")
_EVIDENCE = re.compile(
    r"\b(?:1[6-9]|20)\d\d(?:s)?\b"
    r"|\d+(?:[.,]\d+)*\s?(?:%|per ?cent|percent|million|billion|trillion|thousand|km|kilometres?|troops|soldiers)"
    r"|\([A-Z][^()]*?,?\s(?:1[6-9]|20)\d\d[a-z]?(?:,[^()]*)?\)"
    r"|\b(?:according to|reported(?:ly)?|figures? show|data show|statistics|survey)\b"
    r"|\b(?:[A-Z][\w'’-]+\s){1,4}(?:War|Treaty|Agreement|Accord|Pact|Summit|Declaration|Crisis|Conference|"
    r"Visit|Incident|Operation|Corridor|Organi[sz]ation|Council|Act|Doctrine|Strategy|Plan)\b")
#: Negations; "not only ... but also", "not least" and "no doubt" add or affirm, and do not count.
_NEGATION = _words(r"not(?!\s+(?:only|just|merely|least)\b)", r"no(?!\s+(?:doubt|wonder)\b)", r"never", r"neither",
                   r"nor", r"without", r"cannot", r"\w+n't", r"none")
_STANCE = _words(r"I (?:believe|think|argue|contend|maintain|feel|find)", r"in my (?:opinion|view)",
                 r"(?:this|the) (?:paper|article|essay|study) (?:argues|contends|shows)",
                 r"it is (?:clear|evident|obvious|interesting to note) that", r"it is (?:unfair|wrong|right|fair)")
_OPENINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_words(r"therefore", r"thus", r"hence", r"consequently", r"accordingly", r"so", r"as a result",
            r"that is why", r"that's why", r"this is why", r"in conclusion", r"to conclude",
            r"for (?:these|this|all these) reasons?"), "concludes"),
    (_words(r"however", r"but", r"yet", r"nevertheless", r"nonetheless", r"still", r"even so",
            r"on the other hand", r"in contrast", r"conversely", r"that said", r"despite (?:this|that|these)"),
     "attacks"),
    (_words(r"this is because", r"that is because", r"because", r"for", r"after all", r"the reason is",
            r"since"), "reason"),
)


def read_sentence(sentence: str) -> Reading:
    """The cues of one sentence (see the module's docstring). Never raises."""
    cues: list[str] = []
    head = sentence.lstrip("\"'“‘( ")
    opening = None
    for pattern, relation in _OPENINGS:
        m = pattern.match(head)
        if m is not None and (relation != "reason" or m.group().lower() not in ("for", "since") or "," not in head):
            opening = (m.group().lower(), relation)
            break
    causal = None
    guessed = False
    m = _CAUSAL.search(sentence)
    if m is not None:
        group = next(k for k, v in m.groupdict().items() if v is not None)
        guessed = group.startswith("zero")
        verb = m.group().lower()
        sign = "-" if group.startswith("minus") else "+"
        if _LOSS.search(sentence, m.end()):
            sign = "-" if sign == "+" else "+"
        causal = (verb, sign)
    kind: Kind | None = None
    confidence = 0.0
    if (m := _RECOMMENDATION.search(sentence)) is not None:
        kind, confidence = Kind.RECOMMENDATION, 0.5
        cues.append(f"recommendation cue {m.group()!r}")
    elif (m := _PREDICTION.search(sentence)) is not None:
        kind, confidence = Kind.PREDICTION, 0.4
        cues.append(f"prediction cue {m.group()!r}")
    elif causal is not None:
        kind, confidence = Kind.FACTOR, 0.45
    elif (m := _EVIDENCE.search(sentence)) is not None:
        kind, confidence = Kind.EVIDENCE, 0.4
        cues.append(f"evidence cue {m.group().strip()!r}")
    elif (m := _STANCE.search(sentence)) is not None:
        kind, confidence = Kind.CLAIM, 0.4
        cues.append(f"stance cue {m.group()!r}")
    elif opening is not None:
        kind, confidence = Kind.CLAIM, 0.3
    if causal is not None:
        cues.append(f"causal cue {causal[0]!r} ({causal[1]})")
    if opening is not None:
        cues.append(f"opening {opening[0]!r}")
    return Reading(kind, confidence, tuple(cues), causal, opening, _NEGATION.search(sentence) is not None, guessed)
