"""AIF, the Argument Interchange Format, in the JSON dialect of AIFdb and OVA.

**Export.** Each node becomes an I-node whose text is the node's label; each of its quotes
becomes an L-node (the author's locution) that asserts the I-node through a YA-node
``Asserting``. A ``supports`` edge becomes an RA-node ``Default Inference``, ``attacks`` a
CA-node ``Default Conflict``, ``causes`` an RA-node with the scheme ``Cause To Effect``.
What AIF has no place for (kind, concept, stance, section, notes, the causal sign, quote
offsets, the source's metadata) goes into an ``argmap`` member of the nodes and of the
graph, which AIF tools ignore, so that ``from_aif(to_aif(m)) == m``.

**Import.** I-nodes become nodes (their text is both label and quote), RA-nodes ``supports``
edges (``causes``, sign ``+``, where the scheme is cause-to-effect), CA-nodes ``attacks``,
MA-nodes (rephrase) ``supports`` edges noted as rephrases; a CA-node that attacks an
RA-node (undercut) becomes ``attacks`` edges on that inference's conclusion. The dialogue
layer (L, YA, TA nodes) is kept as provenance in the notes of the nodes and edges it
anchors; PA-nodes and dialogue nodes that anchor nothing are reported as notices. The thesis
is the conclusion that premises nothing; where several are, pass ``thesis``.
"""

from argmap.formats.aif.importer import from_aif, import_aif, import_aif_file, read_aif
from argmap.formats.aif.wire import (
    FORMAT_VERSION,
    AifEdge,
    AifGraph,
    AifLocution,
    AifNode,
    ArgmapGraphInfo,
    ArgmapNodeInfo,
    ArgmapRelationInfo,
    QuoteData,
)
from argmap.formats.aif.writer import dumps_aif, to_aif, write_aif

__all__ = [
    "FORMAT_VERSION",
    "AifEdge",
    "AifGraph",
    "AifLocution",
    "AifNode",
    "ArgmapGraphInfo",
    "ArgmapNodeInfo",
    "ArgmapRelationInfo",
    "QuoteData",
    "dumps_aif",
    "from_aif",
    "import_aif",
    "import_aif_file",
    "read_aif",
    "to_aif",
    "write_aif",
]
