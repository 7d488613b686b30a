"""Old import path of the comparison engine, kept so that existing code keeps working.

The engine now lives in :mod:`argmap.projection` (one author at the level of the concepts),
:mod:`argmap.comparison` (:func:`diff`, :func:`compare`), :mod:`argmap.pairwise` (metric
matrices) and :mod:`argmap.alignment` (two maps of the same text). ``argmap.compare`` is the
function :func:`argmap.compare`; importing this module does not change that.
"""

from argmap.alignment import NodeMatch, SameTextComparison, compare_same_text
from argmap.comparison import (
    METRICS,
    Comparison,
    ConceptRow,
    Consensus,
    Controversy,
    LinkRow,
    Tension,
    compare,
)
from argmap.diffing import ConceptDiff, LinkDiff, MapDiff, Status, diff
from argmap.pairwise import AgreementMatrix
from argmap.projection import (
    AuthorStance,
    CausalLink,
    CausalPath,
    ConceptUse,
    LinkSign,
    Mention,
    Projection,
    display_name,
    project,
)
from argmap.workspace import same_source

__all__ = [
    "METRICS",
    "AgreementMatrix",
    "AuthorStance",
    "CausalLink",
    "CausalPath",
    "Comparison",
    "ConceptDiff",
    "ConceptRow",
    "ConceptUse",
    "Consensus",
    "Controversy",
    "LinkDiff",
    "LinkRow",
    "LinkSign",
    "MapDiff",
    "Mention",
    "NodeMatch",
    "Projection",
    "SameTextComparison",
    "Status",
    "Tension",
    "compare",
    "compare_same_text",
    "diff",
    "display_name",
    "project",
    "same_source",
]
