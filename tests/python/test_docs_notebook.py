# SPDX-License-Identifier: Apache-2.0
"""docs/python.md is a notebook: its Python blocks run, in order, in one namespace."""

import re

from conftest import SOURCE_DIR


def test_every_block_of_the_python_page_runs(capsys):
    page = (SOURCE_DIR / "docs/python.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.DOTALL)
    assert len(blocks) >= 10, "the page lost its examples"
    namespace = {}
    for number, block in enumerate(blocks, start=1):
        exec(compile(block, f"docs/python.md block {number}", "exec"), namespace)
    printed = capsys.readouterr().out
    assert "options.p2[0].irreversible" in printed
    assert "samples - " in printed
