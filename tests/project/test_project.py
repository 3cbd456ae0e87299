"""The project as a user meets it: `make html` on docs/, POSTS=, Read the Docs' config."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "docs/boostcamp/day28-20210303.md"
#: sha256 of the seed post exactly as its author wrote it
SEED_SHA256 = "5a5cd551095dbcb793e37dbbe8a30ebb450b6f235ed1d04dcee70b4003a81b68"


def make_html(tmp_path: Path, *args: str) -> tuple[Path, list[str]]:
    result = subprocess.run(
        ["make", "--no-print-directory", "html", f"BUILDDIR={tmp_path}", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    found = [line for line in result.stderr.splitlines() if "WARNING" in line or "ERROR" in line]
    return tmp_path / "html", found


def test_the_seed_post_is_byte_for_byte_the_authors():
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256


def test_make_html_builds_the_seed_chapter_with_only_true_warnings(tmp_path):
    out, found = make_html(tmp_path)
    page = BeautifulSoup((out / "boostcamp/day28-20210303/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.title.get_text().startswith("⛺ DAY 28. 특강 둘째 날")
    assert page.select_one("article h1").get_text(strip=True).rstrip("#") == "⛺ DAY 28. 특강 둘째 날"
    assert page.select_one(".daybook-date").get_text() == "2021년 3월 3일"
    assert not page.select('a[href^="#.."]')
    assert (out / "index.html").is_file()
    assert len(found) == 3, found
    assert sum("image file not readable" in w for w in found) == 2
    assert any("day28-20210303.md:34" in w and "day27-20210302" in w for w in found)


def test_make_html_builds_any_folder_of_posts(tmp_path):
    out, found = make_html(tmp_path, "POSTS=tests/roots/test-folders")
    assert (out / "diary/day7/index.html").is_file()
    assert found == []


def test_readthedocs_config_is_valid():
    config = REPO / ".readthedocs.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.readthedocs", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readthedocs_commands_write_the_book_where_read_the_docs_serves_it(tmp_path):
    """Run each command of .readthedocs.yaml as Read the Docs would: $READTHEDOCS_OUTPUT/html is the
    site, epub/ and pdf/ hold one download each."""
    import shutil

    import yaml
    from conftest import missing

    if shutil.which("lualatex") is None:
        missing("LuaLaTeX (apt-get install texlive-luatex texlive-lang-korean)")
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    commands = config["build"]["commands"]
    assert {"fonts-noto-cjk", "fonts-noto-color-emoji", "texlive-lang-korean"} <= set(config["build"]["apt_packages"])
    for command in commands:
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=REPO,
            env={**os.environ, "READTHEDOCS_OUTPUT": str(tmp_path)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "html/index.html").is_file()
    assert (tmp_path / "html/boostcamp/day28-20210303/index.html").is_file()
    assert [p.name for p in (tmp_path / "epub").iterdir()] == ["부스트캠프-AI-Tech-일지.epub"]
    assert [p.name for p in (tmp_path / "pdf").iterdir()] == ["부스트캠프-AI-Tech-일지.pdf"]
    # the site's download button offers the two, as copies in the site itself
    for kind in ("epub", "pdf"):
        copy = tmp_path / "html/_downloads/book" / f"부스트캠프-AI-Tech-일지.{kind}"
        assert copy.read_bytes() == (tmp_path / kind / copy.name).read_bytes()
        assert f'href="_downloads/book/{copy.name}"' in (tmp_path / "html/index.html").read_text(encoding="utf-8")


def test_ci_runs_make_test():
    assert (REPO / ".ci/run").read_text(encoding="utf-8").strip().splitlines()[-1] == "make test"
