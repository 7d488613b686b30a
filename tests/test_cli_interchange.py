"""`argmap export` and `argmap import`, run in-process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap.cli import main

DATA = Path(__file__).parent / "data" / "interchange"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A copy of the small map with its source text and vocabulary."""
    for name in ("small.yaml", "small.txt", "concepts.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path / "small.yaml"


@pytest.mark.parametrize("fmt", ["aif", "argdown", "graphml", "json"])
def test_export_to_stdout_and_back(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    """export prints the format; import of the printed file gives the same map back."""
    assert main(["export", str(small), "--to", fmt]) == 0
    out = capsys.readouterr().out
    exported = tmp_path / f"small.{fmt}"
    exported.write_text(out, "utf-8")
    target = tmp_path / "back.yaml"
    assert main(["import", str(exported), "--from", fmt, "-o", str(target)]) == 0
    assert argmap.load(target, anchor=False) == argmap.load(small, anchor=False)
    assert argmap.check(target) == []


def test_import_elsewhere_warns_that_the_map_does_not_validate_there(
    small: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A map exported, moved and imported in another folder names its text by a path that no
    longer holds: the import still succeeds, and says what validate will say and what to do."""
    exported = tmp_path / "elsewhere" / "small.aif.json"
    exported.parent.mkdir()
    assert main(["export", str(small), "--to", "aif", "-o", str(exported)]) == 0
    capsys.readouterr()
    assert main(["import", str(exported), "--from", "aif", "-o", str(exported.with_suffix(".yaml"))]) == 0
    err = capsys.readouterr().err
    assert "does not validate yet" in err and "--text FILE" in err
    assert main(["import", str(exported), "--from", "aif", "--text", str(tmp_path / "small.txt"),
                 "-o", str(tmp_path / "back.yaml")]) == 0
    assert "does not validate yet" not in capsys.readouterr().err


def test_export_to_file(small: Path, tmp_path: Path) -> None:
    """With -o, export writes the file and prints nothing."""
    target = tmp_path / "out.json"
    assert main(["export", str(small), "--to", "json", "-o", str(target)]) == 0
    assert json.loads(target.read_text("utf-8"))["source"]["id"] == "small"


def test_import_writes_map_and_generated_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A foreign file is written as MAP.yaml plus MAP.source.txt, which validate accepts."""
    doc = tmp_path / "debate.argdown"
    doc.write_text("[T]: The thesis.\n  + [R]: A reason.\n  - Some objection.\n", "utf-8")
    target = tmp_path / "maps" / "debate.yaml"
    target.parent.mkdir()
    assert main(["import", str(doc), "--from", "argdown", "-o", str(target)]) == 0
    assert "debate.source.txt" in capsys.readouterr().err
    assert (tmp_path / "maps" / "debate.source.txt").read_text("utf-8").startswith("The thesis.")
    assert main(["validate", str(target)]) == 0


def test_import_to_stdout_says_where_the_text_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without -o the YAML goes to stdout and stderr says the generated text was not written."""
    doc = tmp_path / "d.argdown"
    doc.write_text("[T]: The thesis.\n  + [R]: A reason.\n", "utf-8")
    assert main(["import", str(doc), "--from", "argdown"]) == 0
    out, err = capsys.readouterr()
    assert argmap.loads(out).thesis.id == "T"  # type: ignore[union-attr]
    assert "written only with -o" in err


def test_import_with_text_records_a_relative_path(tmp_path: Path) -> None:
    """--text makes quotes checked against the source, recorded relative to the map."""
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "essay.txt").write_text("First, the thesis. Then a reason.", "utf-8")
    doc = tmp_path / "d.argdown"
    doc.write_text("[T]: the thesis\n  + [R]: a reason\n", "utf-8")
    target = tmp_path / "maps" / "d.yaml"
    target.parent.mkdir()
    assert (
        main(
            [
                "import",
                str(doc),
                "--from",
                "argdown",
                "--text",
                str(tmp_path / "texts" / "essay.txt"),
                "-o",
                str(target),
            ]
        )
        == 0
    )
    assert argmap.load(target).source.file == "../texts/essay.txt"
    assert not (tmp_path / "maps" / "d.source.txt").exists()


def test_import_with_text_reports_missing_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A statement not in the source text: exit 1 with the closest passage."""
    (tmp_path / "essay.txt").write_text("First, the thesis. Then a reason.", "utf-8")
    doc = tmp_path / "d.argdown"
    doc.write_text("[T]: the thesis\n  + [R]: a reasons\n", "utf-8")
    assert (
        main(["import", str(doc), "--from", "argdown", "--text", str(tmp_path / "essay.txt")]) == 1
    )
    err = capsys.readouterr().err
    assert "d.argdown" in err
    assert "not found in the source text" in err
    assert "closest passage" in err


def test_import_infers_thesis(
    shared: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An ambiguous AIF file: the thesis is inferred with a warning naming --thesis, which
    still overrides it."""
    path = shared / "external" / "aif" / "6064-original.json"
    assert main(["import", str(path), "--from", "aif"]) == 0
    assert "--thesis ID" in capsys.readouterr().err
    target = tmp_path / "aif.yaml"
    assert main(["import", str(path), "--from", "aif", "--thesis", "29054", "-o", str(target)]) == 0
    assert "anchors no proposition or inference" in capsys.readouterr().err
    assert main(["validate", "--quiet", str(target)]) == 0


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["export", "{small}"], 2, "--to"),
        (["export", "{small}", "--to", "dot"], 2, "invalid choice"),
        (
            ["import", "{small}", "--from", "json", "--thesis", "x"],
            2,
            "--thesis applies to AIF and Argdown",
        ),
        (["export", "{missing}", "--to", "aif"], 1, "no such file"),
        (["import", "{missing}", "--from", "aif"], 1, "no such file"),
        (["import", "{small}", "--from", "aif"], 1, "invalid JSON"),
        (
            ["export", "{small}", "--to", "json", "-o", "{small}/under/a/file.json"],
            1,
            "cannot write",
        ),
    ],
    ids=[
        "no-format",
        "unknown-format",
        "thesis-for-json",
        "missing-map",
        "missing-import",
        "yaml-as-aif",
        "unwritable-output",
    ],
)
def test_errors_and_exit_codes(
    small: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    message: str,
) -> None:
    """User mistakes exit 1 (files) or 2 (usage) with a message, never a traceback."""
    values = {"small": str(small), "missing": str(tmp_path / "missing.yaml"), "tmp": str(tmp_path)}
    assert main([a.format(**values) for a in argv]) == code
    assert message in capsys.readouterr().err


def test_export_makes_missing_folders(small: Path, tmp_path: Path) -> None:
    """-o into folders that do not exist yet makes them, as render and report do."""
    target = tmp_path / "new" / "folder" / "small.json"
    assert main(["export", str(small), "--to", "json", "-o", str(target)]) == 0
    assert json.loads(target.read_text("utf-8"))["source"]["id"] == "small"


def test_failed_export_leaves_no_file(
    small: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If writing fails half-way, the old output is kept and no temporary file remains."""
    target = tmp_path / "out.json"
    target.write_text("old", "utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", broken_fsync)
    assert main(["export", str(small), "--to", "json", "-o", str(target)]) == 1
    assert target.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "concepts.yaml",
        "out.json",
        "small.txt",
        "small.yaml",
    ]


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["export", "--help"], ["import", "--help"]],
    ids=["main", "export", "import"],
)
def test_help_imports_no_heavy_library(argv: list[str]) -> None:
    """Help for the interchange commands loads neither networkx nor graphviz."""
    code = (
        f"import sys\nfrom argmap.cli import main\nmain({argv!r})\n"
        "print('networkx' in sys.modules, 'graphviz' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip().endswith("False False")


def test_import_argmap_loads_the_formats_on_first_use() -> None:
    """`import argmap` does not load the interchange modules; argmap.to_aif loads them."""
    code = (
        "import sys, argmap\n"
        "before = 'argmap.formats' in sys.modules\n"
        "argmap.to_aif\n"
        "print(before, 'argmap.formats' in sys.modules, 'networkx' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True", "False"]


def test_schema_json_prints_the_json_map_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """`argmap schema json` prints the schema of argmap JSON, quote objects included."""
    assert main(["schema", "json"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"].endswith("/map-json.json")
    assert schema == argmap.map_json_schema()


@pytest.mark.parametrize(
    ("fmt", "name", "text", "counts"),
    [
        ("brat", "brat/essay01.ann", None, "7 anchored exactly, 0 tolerantly, 0 implicit"),
        ("arggraph", "arggraph/night_library.xml", "arggraph/night_library.txt",
         "4 anchored exactly, 0 tolerantly, 0 implicit"),
        ("kialo", "kialo/libraries.txt", None, None),
    ],
    ids=["brat", "arggraph", "kialo"],
)
def test_import_new_formats_writes_valid_maps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, name: str, text: str | None,
    counts: str | None,
) -> None:
    """`argmap import --from brat|arggraph|kialo` writes a map that `argmap validate` accepts,
    and says how its nodes were anchored in the text given."""
    source = tmp_path / "in"
    shutil.copytree(DATA / name.split("/")[0], source)
    target = tmp_path / "out" / "map.yaml"
    target.parent.mkdir()
    argv = ["import", str(source / name.split("/")[1]), "--from", fmt, "-o", str(target)]
    if text is not None:
        argv += ["--text", str(source / text.split("/")[1])]
    assert main(argv) == 0
    err = capsys.readouterr().err
    if counts is not None:
        assert counts in err
    assert main(["validate", str(target)]) == 0


def test_brat_from_another_folder_writes_a_map_that_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The .txt beside the .ann is recorded relative to the map written, wherever the command
    runs from (it was recorded as given, so `brat/e.txt` became `brat/brat/e.txt`)."""
    (tmp_path / "brat").mkdir()
    (tmp_path / "brat" / "e.txt").write_text("Cities should ban cars. Cars pollute the air.\n", "utf-8")
    (tmp_path / "brat" / "e.ann").write_text("T1\tMajorClaim 0 23\tCities should ban cars.\n"
                                             "T2\tPremise 24 45\tCars pollute the air.\n"
                                             "R1\tsupports Arg1:T2 Arg2:T1\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["import", "brat/e.ann", "--from", "brat", "-o", "out/maps/e.yaml"]) == 0
    assert "does not validate" not in capsys.readouterr().err
    assert argmap.load(tmp_path / "out" / "maps" / "e.yaml").source.file == "../../brat/e.txt"
    assert main(["validate", "out/maps/e.yaml"]) == 0
