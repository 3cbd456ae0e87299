"""daybook leaves Python's garbage collector as it found it, whatever fails."""

from __future__ import annotations

import gc
import shutil

import pytest
from sphinx.testing.util import SphinxTestApp


class FailingExtension(Exception):
    pass


def test_two_builds_in_one_process_the_second_failing_in_another_extension(rootdir, tmp_path):
    srcdir = tmp_path / "flat"
    shutil.copytree(rootdir / "test-flat", srcdir)
    assert gc.isenabled() and gc.get_freeze_count() == 0

    first = SphinxTestApp("dirhtml", srcdir=srcdir, builddir=tmp_path / "out")
    try:
        first.build()
    finally:
        first.cleanup()
    assert gc.isenabled() and gc.get_freeze_count() == 0

    # the second build loads the saved environment, then another extension
    # fails while the builder starts, before the build runs
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + "\ndef setup(app):\n"
        + "    def fail(app):\n"
        + "        raise RuntimeError('another extension failed')\n"
        + "    app.connect('builder-inited', fail)\n",
        encoding="utf-8",
    )
    with pytest.raises(Exception, match="another extension failed"):
        SphinxTestApp("dirhtml", srcdir=srcdir, builddir=tmp_path / "out")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
