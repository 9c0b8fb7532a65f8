# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures of the Python module's tests: the built `mend` binary (MEND_BINARY, set by
CTest), the source tree, the shipped and test cases, and running the CLI for its JSON."""

import json
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("MEND_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[2]))


def _is_portfolio(path):
    # Portfolios name cases rather than define one (as the C++ test kit decides).
    return "\ncases:" in path.read_text(encoding="utf-8")


def _yaml_files(folders):
    files = []
    for folder in folders:
        files.extend(sorted((SOURCE_DIR / folder).rglob("*.yaml")))
    return sorted(files)


# The shipped and test cases of the C++ test kit (tests/testkit/run_mend.cpp,
# ShippedAndTestCases), and the portfolios among the same folders.
_FOLDERS = ["cases/classic", "cases/us-russia", "tests/cases/one-answer", "tests/golden"]
CASES = [path for path in _yaml_files(_FOLDERS) if not _is_portfolio(path)]
PORTFOLIOS = [path for path in _yaml_files(_FOLDERS) if _is_portfolio(path)]
NFG_FILES = sorted((SOURCE_DIR / "tests/nfg/good").glob("*.nfg"))


def case_id(path):
    return str(path.relative_to(SOURCE_DIR))


class Cli:
    """The `mend` binary, run as a user would."""

    def __init__(self, binary):
        self.binary = binary

    def run(self, *args):
        return subprocess.run([self.binary, *map(str, args)], capture_output=True, text=True,
                              cwd=SOURCE_DIR, check=False)

    def json(self, *args):
        """The parsed JSON of `mend ARGS --format json`; fails the test on a non-zero exit."""
        done = self.run(*args, "--format", "json")
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)


@pytest.fixture(scope="session")
def cli():
    binary = os.environ.get("MEND_BINARY")
    assert binary, "MEND_BINARY must name the built mend binary (CTest sets it)"
    return Cli(binary)


@pytest.fixture(autouse=True)
def _in_source_dir(monkeypatch):
    # Relative paths mean the same to the CLI and the module.
    monkeypatch.chdir(SOURCE_DIR)
