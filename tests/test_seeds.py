"""The shipped seed texts are byte-for-byte the corpus, with honest metadata."""

from __future__ import annotations

import hashlib

import pytest
import yaml

from conftest import SEEDS

SOURCES = yaml.safe_load((SEEDS / "SOURCES.yaml").read_text(encoding="utf-8"))["sources"]


def test_every_seed_listed() -> None:
    """SOURCES.yaml lists exactly the .txt files in seeds/."""
    assert sorted(s["file"] for s in SOURCES) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(SOURCES) == 5


@pytest.mark.parametrize("entry", SOURCES, ids=[s["file"][:3] for s in SOURCES])
def test_hash(entry: dict[str, str]) -> None:
    """Each seed's sha256 matches the recorded one."""
    assert hashlib.sha256((SEEDS / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]


@pytest.mark.parametrize("entry", SOURCES, ids=[s["file"][:3] for s in SOURCES])
def test_metadata_is_stated_in_text(entry: dict[str, str | None]) -> None:
    """Every non-null title and author occurs in the text itself (nothing invented)."""
    text = (SEEDS / str(entry["file"])).read_text(encoding="utf-8")
    for key in ("title", "author", "venue"):
        value = entry.get(key)
        if value is not None:
            assert str(value) in text, f"{key} {value!r} is not stated in the text"
    if entry.get("year") is not None:
        assert str(entry["year"]) in text


def test_matches_shared_corpus(shared: object) -> None:
    """Where ../shared is present, the copies equal the originals."""
    from conftest import SHARED

    for entry in SOURCES:
        assert (SHARED / "seeds" / entry["file"]).read_bytes() == (SEEDS / entry["file"]).read_bytes()
