"""The published data: rebuilt from the official files it equals the committed files byte for byte."""

from __future__ import annotations

import hashlib

import pytest

from seed import build_published
from seed.published_data import PUBLISHED_DIR
from tests.conftest import REALDATA

MAX_PUBLISHED_BYTES = 40 * 1024 * 1024


def test_committed_published_data_is_under_the_size_limit() -> None:
    total = sum(p.stat().st_size for p in PUBLISHED_DIR.iterdir())
    assert 0 < total < MAX_PUBLISHED_BYTES


def test_manifest_matches_the_committed_files() -> None:
    """MANIFEST.csv's checksums are of the uncompressed payloads, so a hand edit shows up here."""
    import gzip

    lines = (PUBLISHED_DIR / "MANIFEST.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert lines
    for line in lines:
        name, size, _rows, digest = line.split(",")
        raw = (PUBLISHED_DIR / name).read_bytes()
        payload = gzip.decompress(raw) if name.endswith(".gz") else raw
        assert len(payload) == int(size), name
        assert hashlib.sha256(payload).hexdigest() == digest, name


@pytest.mark.realdata
@pytest.mark.slow
def test_rebuild_reproduces_the_committed_published_data_byte_for_byte(tmp_path) -> None:
    if not REALDATA.is_dir():
        pytest.skip(f"real published files not found at {REALDATA} (../shared is absent on this machine)")
    assert build_published.main(["--from", str(REALDATA), "--out", str(tmp_path)]) == 0
    built = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in PUBLISHED_DIR.iterdir())
    assert built == committed
    different = [name for name in built if (tmp_path / name).read_bytes() != (PUBLISHED_DIR / name).read_bytes()]
    assert different == [], (
        f"rebuild differs from the committed published data in {different}: run python -m seed.build_published"
    )


def test_sources_md_names_every_source_and_the_licence() -> None:
    text = (PUBLISHED_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert "Open Government Licence v3.0" in text
    for path in PUBLISHED_DIR.glob("obs-*.csv.gz"):
        key = path.name[len("obs-") : -len(".csv.gz")]
        assert f"`{key}`" in text, key


def test_builder_refuses_a_missing_folder(tmp_path, capsys) -> None:
    assert build_published.main(["--from", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 2
    assert "not a folder" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
