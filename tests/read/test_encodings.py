import codecs
from pathlib import Path

import pytest

from rasd.read import ReadError, ReadProblem, iter_inputs, read_path


def _body(path: Path) -> str:
    (article,) = list(read_path(path))
    assert not isinstance(article, ReadError), article
    return article.body


@pytest.fixture
def seed_body(example_path: Path) -> str:
    return _body(example_path)


@pytest.fixture
def seed_text(example_path: Path) -> str:
    return example_path.read_text("utf-8")


def test_cp1256_gives_the_same_body(tmp_path: Path, seed_text: str, seed_body: str) -> None:
    p = tmp_path / "seed.txt"
    p.write_bytes(seed_text.encode("cp1256", errors="replace"))
    assert _body(p) == seed_body.encode("cp1256", errors="replace").decode("cp1256")


def test_iso_8859_6_is_decoded(tmp_path: Path) -> None:
    text = "أعلنت موسكو تسليم الجيش السوري صواريخ جديدة مضادة للطائرات."
    p = tmp_path / "iso.txt"
    p.write_bytes(text.encode("iso8859_6"))
    assert _body(p) == text


def test_utf16_gives_the_same_body(tmp_path: Path, seed_text: str, seed_body: str) -> None:
    p = tmp_path / "seed16.txt"
    p.write_bytes(seed_text.encode("utf-16"))
    assert _body(p) == seed_body


def test_utf16_without_bom_is_detected(tmp_path: Path, seed_text: str, seed_body: str) -> None:
    p = tmp_path / "seed16le.txt"
    p.write_bytes(seed_text.encode("utf-16-le"))
    assert _body(p) == seed_body


def test_utf8_bom_gives_the_same_body(tmp_path: Path, seed_text: str, seed_body: str) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes(codecs.BOM_UTF8 + seed_text.encode("utf-8"))
    assert _body(p) == seed_body


def test_crlf_line_ends_give_the_same_body(tmp_path: Path, seed_text: str, seed_body: str) -> None:
    p = tmp_path / "crlf.txt"
    p.write_bytes(seed_text.replace("\n", "\r\n").encode("utf-8"))
    assert _body(p) == seed_body


def _problems(paths: list[Path]) -> list[ReadProblem]:
    return [x for x in iter_inputs(paths) if isinstance(x, ReadProblem)]


def test_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    (problem,) = _problems([p])
    assert "empty.txt" in problem.message and "empty" in problem.problem


def test_png_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (problem,) = _problems([p])
    assert "PNG image" in problem.problem


def test_nul_bytes_mean_binary(tmp_path: Path) -> None:
    p = tmp_path / "blob.bin"
    p.write_bytes(b"abc\x00\x01\x02\xff" * 100)
    (problem,) = _problems([p])
    assert "binary" in problem.problem


def test_non_arabic_text_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "english.txt"
    p.write_text("The minister met his counterpart in Tehran on Tuesday to discuss the talks.", "utf-8")
    (problem,) = _problems([p])
    assert "no Arabic text" in problem.problem


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    (problem,) = _problems([tmp_path / "nope.txt"])
    assert "no such file" in problem.problem


def test_a_batch_goes_on_after_a_bad_file(tmp_path: Path, example_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    items = list(iter_inputs([bad, example_path]))
    assert isinstance(items[0], ReadProblem)
    assert not isinstance(items[1], ReadProblem)
