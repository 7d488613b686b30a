"""The ``golden`` fixture (tests/conftest.py): exact comparison with a readable diff, and only
ARGMAP_UPDATE_GOLDEN=1 rewrites (any other value, 0 included, compares)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Golden, update_golden_requested

CONFTEST = Path(__file__).with_name("conftest.py")


@pytest.mark.parametrize("value", [None, "", "0", "false", "no", "yes", "true", "2", " 1", "1 "])
def test_only_1_means_update(value: str | None) -> None:
    """Unset, empty, 0 and anything but exactly 1 compare."""
    assert not update_golden_requested(value)


def test_1_means_update() -> None:
    assert update_golden_requested("1")


def test_compare_fails_with_a_diff_and_leaves_the_file(tmp_path: Path) -> None:
    """A difference fails, names the file, shows a unified diff, and the file stays as it was."""
    (tmp_path / "out.txt").write_bytes(b"one\ntwo\nthree\n")
    with pytest.raises(AssertionError, match=r"differs from the golden file .*out\.txt") as failed:
        Golden(tmp_path, update=False).check("out.txt", "one\n2\nthree\n")
    assert "-two\n+2\n" in str(failed.value)
    assert (tmp_path / "out.txt").read_bytes() == b"one\ntwo\nthree\n"


@pytest.mark.parametrize(("stored", "actual", "said"), [
    pytest.param(b"a\nb\n", "a\r\nb\r\n", "only the line ends differ (golden LF", id="crlf"),
    pytest.param(b"a\nb\n", "a\nb", "output LF, no line end at the end", id="final-newline"),
    pytest.param(b"a\nb\n", "a\nb\n\n", "+\n", id="extra-blank-line"),
])
def test_compare_is_exact(tmp_path: Path, stored: bytes, actual: str, said: str) -> None:
    """Line ends and the final newline count, and the message says what differs."""
    (tmp_path / "g.txt").write_bytes(stored)
    with pytest.raises(AssertionError) as failed:
        Golden(tmp_path, update=False).check("g.txt", actual)
    assert said in str(failed.value)


def test_bytes_and_missing_files(tmp_path: Path) -> None:
    """Bytes compare as bytes; a missing golden file fails with how to write it."""
    (tmp_path / "b.bin").write_bytes(b"\x00\xff")
    Golden(tmp_path, update=False).check("b.bin", b"\x00\xff")
    with pytest.raises(AssertionError, match="first difference at byte 1"):
        Golden(tmp_path, update=False).check("b.bin", b"\x00\xfe")
    with pytest.raises(AssertionError, match=r"no golden file .*ARGMAP_UPDATE_GOLDEN=1"):
        Golden(tmp_path, update=False).check(tmp_path / "none.txt", "x")
    assert not (tmp_path / "none.txt").exists()


def test_update_writes_exactly(tmp_path: Path) -> None:
    """With update the file becomes the output, byte for byte (folders made), and is named."""
    made = Golden(tmp_path, update=True)
    made.check("sub/new.csv", "a,b\r\n1,2\r\n")
    made.check(tmp_path / "same.txt", "x\n")
    made.check(tmp_path / "same.txt", "x\n")
    assert (tmp_path / "sub" / "new.csv").read_bytes() == b"a,b\r\n1,2\r\n"
    assert made.summary().startswith(f"rewrote {tmp_path / 'sub' / 'new.csv'}, {tmp_path / 'same.txt'}; "
                                     f"already up to date: {tmp_path / 'same.txt'}")


PROBE = '''
def test_same(golden):
    golden.check("same.txt", "kept\\n")


def test_changed(golden):
    golden.check("changed.txt", "new\\n")
'''


@pytest.fixture
def probe(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project with tests/conftest.py's fixture, two golden files and two tests of them."""
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(test_probe=PROBE)
    (pytester.path / "golden").mkdir()
    (pytester.path / "golden" / "same.txt").write_text("kept\n", encoding="utf-8")
    (pytester.path / "golden" / "changed.txt").write_text("old\n", encoding="utf-8")
    return pytester


def test_fixture_with_0_compares(probe: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """ARGMAP_UPDATE_GOLDEN=0 compares: the changed output fails with its diff, nothing is written."""
    monkeypatch.setenv("ARGMAP_UPDATE_GOLDEN", "0")
    result = probe.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*differs from the golden file*changed.txt*", "*-old", "*+new"])
    assert (probe.path / "golden" / "changed.txt").read_text(encoding="utf-8") == "old\n"


def test_fixture_with_1_rewrites_and_says_so(probe: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """ARGMAP_UPDATE_GOLDEN=1 rewrites, and the tests are reported as skipped, naming the files."""
    monkeypatch.setenv("ARGMAP_UPDATE_GOLDEN", "1")
    result = probe.runpytest_subprocess("-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(skipped=2)
    result.stdout.fnmatch_lines(["*ARGMAP_UPDATE_GOLDEN=1: rewrote *changed.txt*"])
    result.stdout.fnmatch_lines(["*ARGMAP_UPDATE_GOLDEN=1: already up to date: *same.txt*"])
    assert (probe.path / "golden" / "changed.txt").read_text(encoding="utf-8") == "new\n"
