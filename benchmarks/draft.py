"""Benchmark: how close `argmap draft` comes to maps made by hand (prints figures; not a test).

Against the five seed maps (maps/, with their texts in seeds/):

* the rank of the hand map's thesis among the draft's thesis candidates (a candidate counts
  where it overlaps a quote of the thesis by at least half of the shorter of the two);
* the share of the sentences the hand map quotes (any node) that the draft proposes as a
  node, and the share of the draft's nodes whose sentence the hand map quotes;
* concept presence per text: the concepts the draft links against those the hand map links
  (precision, recall), with maps/concepts.yaml as the vocabulary.

Against annotated corpora in ../shared/external (skipped where absent):

* the 20 arg-microtexts (Peldszus & Stede): the central claim is the ADU that supports,
  rebuts or undercuts nothing; top-1 and top-3 accuracy of the thesis candidates, for the
  texts used while tuning (b001-b010), the held-out texts (b011-b020) and all, beside the
  positional baseline "the first sentence"; a candidate is right where it covers at least half
  of the central claim's characters (and, strictly, where the two spans' Jaccard is >= 0.5);
* 15 AraucariaDB nodesets (never used for tuning): the conclusion is the I-node that is the
  target of an inference and premise of none; its text is edited, so the gold sentence is the
  one with the largest word overlap with it.

Every figure goes through the public JSON contract (`argmap.draft(text).to_dict()`).

    python benchmarks/draft.py [--details]
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import argmap
from argmap.thesis import content_words

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = ROOT.parent / "shared" / "external"
TUNING = {f"micro_b{i:03d}" for i in range(1, 11)}


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def candidates(text: str, vocabulary: argmap.Vocabulary | None = None) -> dict[str, Any]:
    """The draft's JSON contract for a text."""
    data: dict[str, Any] = json.loads(json.dumps(argmap.draft(text, vocabulary=vocabulary).to_dict()))
    return data


def rank_of(cands: Sequence[dict[str, Any]], gold: Sequence[tuple[int, int]], *, strict: bool = False) -> int | None:
    """1-based rank of the first candidate that matches any gold span; None where none does."""
    for rank, c in enumerate(cands, 1):
        span = (c["start"], c["end"])
        for g in gold:
            o = overlap(span, g)
            if strict:
                union = max(span[1], g[1]) - min(span[0], g[0])
                if o / union >= 0.5:
                    return rank
            elif o >= 0.5 * (g[1] - g[0]):
                return rank
    return None


def microtexts(details: bool) -> None:
    folder = EXTERNAL / "microtexts"
    if not folder.is_dir():
        print("microtexts: ../shared/external/microtexts absent, skipped")
        return
    rows = []
    for xml in sorted(folder.glob("micro_*.xml")):
        text = (folder / f"{xml.stem}.txt").read_bytes().decode("utf-8")
        root = ET.parse(xml).getroot()
        edus = {e.get("id"): e.text or "" for e in root.findall("edu")}
        edges = root.findall("edge")
        segs: dict[str, list[str]] = {}
        for e in edges:
            if e.get("type") == "seg":
                segs.setdefault(str(e.get("trg")), []).append(str(e.get("src")))
        sources = {e.get("src") for e in edges if e.get("type") != "seg"}
        central = [a.get("id") for a in root.findall("adu") if a.get("id") not in sources]
        gold = []
        for adu in central:
            for edu in segs.get(str(adu), []):
                at = text.find(edus[edu].strip())
                if at >= 0:
                    gold.append((at, at + len(edus[edu].strip())))
        data = candidates(text)
        cands = data["thesis_candidates"]
        first = [{"start": s["start"], "end": s["end"]} for s in data["sentences"][:1]]
        rows.append((xml.stem, rank_of(cands, gold), rank_of(cands, gold, strict=True), rank_of(first, gold)))
        if details:
            top = cands[0]["text"][:70] if cands else "-"
            print(f"  {xml.stem}: rank {rows[-1][1]} (strict {rows[-1][2]}); top: {top!r}")
    print("microtexts (central claim among the thesis candidates):")
    print(f"  {'texts':<28}{'n':>4}{'top-1':>8}{'top-3':>8}{'strict top-1':>14}{'first sentence':>16}")
    groups = (("tuning (b001-b010)", lambda n: n in TUNING), ("held out (b011-b020)", lambda n: n not in TUNING),
              ("all", lambda n: True))
    for label, keep in groups:
        chosen = [r for r in rows if keep(r[0])]
        if not chosen:
            continue
        n = len(chosen)

        def share(hits: int, n: int = n) -> str:
            return f"{hits / n:.0%}"

        print(f"  {label:<28}{n:>4}{share(sum(1 for r in chosen if r[1] == 1)):>8}"
              f"{share(sum(1 for r in chosen if r[1] is not None and r[1] <= 3)):>8}"
              f"{share(sum(1 for r in chosen if r[2] == 1)):>14}{share(sum(1 for r in chosen if r[3] == 1)):>16}")


def araucaria(details: bool) -> None:
    folder = EXTERNAL / "aifdb" / "araucaria"
    if not folder.is_dir():
        print("araucaria: ../shared/external/aifdb/araucaria absent, skipped")
        return
    hits1 = hits3 = first_hits = n = 0
    for path in sorted(folder.glob("*.json")):
        txt = path.with_suffix(".txt")
        if not txt.is_file():
            continue
        text = txt.read_bytes().decode("utf-8")
        aif = json.loads(path.read_text(encoding="utf-8"))
        kinds = {x["nodeID"]: x["type"] for x in aif["nodes"]}
        texts = {x["nodeID"]: x["text"] for x in aif["nodes"]}
        premise_of = {e["fromID"] for e in aif["edges"] if kinds.get(e["toID"]) in ("RA", "CA")}
        concluded = {e["toID"] for e in aif["edges"] if kinds.get(e["fromID"]) == "RA"}
        roots = [i for i in concluded if kinds.get(i) == "I" and i not in premise_of]
        data = candidates(text)
        sentences = data["sentences"]
        if not roots or not sentences:
            continue
        gold = []
        for root in roots:
            want = set(content_words(texts[root]))
            best = max(sentences, key=lambda s: len(want & set(content_words(s["text"]))) / (len(want) or 1))
            gold.append((best["start"], best["end"]))
        cands = data["thesis_candidates"]
        rank = rank_of(cands, gold)
        n += 1
        hits1 += rank == 1
        hits3 += rank is not None and rank <= 3
        first_hits += rank_of(sentences[:1], gold) == 1
        if details:
            print(f"  {path.stem}: rank {rank}; gold {text[gold[0][0]:gold[0][1]][:60]!r}")
    if n:
        print(f"araucaria (held out, {n} nodesets): top-1 {hits1 / n:.0%}, top-3 {hits3 / n:.0%}, "
              f"first sentence {first_hits / n:.0%}")


def seeds(details: bool) -> None:
    maps = sorted((ROOT / "maps").glob("0*.yaml"))
    vocabulary = argmap.load_vocabulary(ROOT / "maps" / "concepts.yaml")
    in_top3 = 0
    quoted_total = quoted_found = proposed_total = proposed_quoted = 0
    tp = fp = fn = 0
    print("seed maps:")
    print(f"  {'map':<30}{'thesis rank':>12}{'quoted sentences proposed':>28}{'draft nodes quoted':>20}"
          f"{'concepts P':>12}{'R':>6}")
    for path in maps:
        hand = argmap.load(path)
        text = argmap.read_source(hand)
        data = candidates(text, vocabulary)
        thesis = hand.thesis
        assert thesis is not None
        gold = [(s.start, s.end) for q in thesis.quotes for s in q.spans]
        rank = rank_of(data["thesis_candidates"], gold)
        in_top3 += rank is not None and rank <= 3
        sentences = [(s["start"], s["end"]) for s in data["sentences"]]
        quoted_spans = [(s.start, s.end) for n in hand.nodes for q in n.quotes for s in q.spans]
        quoted = {i for i, s in enumerate(sentences) if any(overlap(s, q) > 0 for q in quoted_spans)}
        proposed = {i for i, s in enumerate(sentences)
                    if any(overlap(s, (n["start"], n["end"])) > 0 for n in data["nodes"])}
        quoted_total += len(quoted)
        quoted_found += len(quoted & proposed)
        proposed_total += len(proposed)
        proposed_quoted += len(quoted & proposed)
        mine = {n["concept"] for n in data["nodes"] if n.get("concept")}
        theirs = set(hand.concepts)
        tp += len(mine & theirs)
        fp += len(mine - theirs)
        fn += len(theirs - mine)
        p = len(mine & theirs) / len(mine) if mine else 1.0
        r = len(mine & theirs) / len(theirs) if theirs else 1.0
        hits = len(quoted & proposed)
        print(f"  {path.stem:<30}{rank or '-':>12}{hits:>20}/{len(quoted):<3} ({hits / max(1, len(quoted)):.0%})"
              f"{hits:>10}/{len(proposed):<4}{p:>10.0%}{r:>6.0%}")
        if details:
            print(f"    missed concepts: {sorted(theirs - mine)}; extra: {sorted(mine - theirs)}")
            for c in data["thesis_candidates"][:3]:
                print(f"    {c['score']:.2f} {c['text'][:100]!r}")
    print(f"  thesis in the top 3: {in_top3} of {len(maps)}")
    share = quoted_found / max(1, quoted_total)
    print(f"  hand-quoted sentences proposed: {quoted_found}/{quoted_total} ({share:.0%}); "
          f"draft nodes on a quoted sentence: {proposed_quoted}/{proposed_total} "
          f"({proposed_quoted / max(1, proposed_total):.0%})")
    print(f"  concept presence: precision {tp / max(1, tp + fp):.0%}, recall {tp / max(1, tp + fn):.0%} "
          f"(over all texts: {tp} right, {fp} extra, {fn} missed)")
    print("  the draft against the hand map, node by node (`argmap diff DRAFT HAND`: quotes aligned where they")
    print("  share half of the shorter passage; the hand map is the reference):")
    print(f"  {'map':<30}{'nodes P':>9}{'R':>6}{'edges P':>9}{'R':>6}{'kinds agree':>13}{'kappa':>7}")
    for path in maps:
        hand = argmap.load(path)
        text = argmap.read_source(hand)
        made = argmap.draft(text, vocabulary=vocabulary, source_file=str(argmap.source_path(hand)))
        same = argmap.compare_same_text(argmap.anchor(made.map, text), hand)
        print(f"  {path.stem:<30}{same.node_precision:>9.2f}{same.node_recall:>6.2f}{same.edge_precision:>9.2f}"
              f"{same.edge_recall:>6.2f}{same.kind_agreement:>13.2f}{same.kind_kappa:>7.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="a line per text")
    args = parser.parse_args(argv)
    seeds(args.details)
    microtexts(args.details)
    araucaria(args.details)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
