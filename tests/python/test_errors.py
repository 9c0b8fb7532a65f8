# SPDX-License-Identifier: Apache-2.0
"""Errors reach Python as mend.MendError carrying the CLI's error line and its parts."""

import pytest

import mend

GOOD = """mend: 1
id: tiny
title: A two-option case
actors:
  - {id: a, role: decider}
  - {id: b, role: decider}
options:
  a: [{id: x}]
  b: [{id: y}]
status_quo: {x: N, y: N}
preferences:
  a: {ranking: [YN, YY, NN, NY]}
  b: {ranking: [NY, YY, NN, YN]}
"""


def test_bad_yaml_text_names_line_column_and_key(cli, tmp_path):
    bad = GOOD.replace("  b: [{id: y}]", "  b: [{id: y, irreversible: sideways}]")
    with pytest.raises(mend.MendError) as raised:
        mend.states(bad)
    error = raised.value
    assert error.file == "<string>"
    assert error.line == 9
    assert error.column is not None and error.column > 0
    assert error.key == "options.b[0].irreversible"
    assert error.code == "invalid-argument"
    # The same text in a file: the CLI's line, with the file's name in place of <string>.
    case_file = tmp_path / "bad.yaml"
    case_file.write_text(bad, encoding="utf-8")
    done = cli.run("states", case_file)
    assert done.returncode == 1
    assert done.stderr.strip() == str(error).replace("<string>", str(case_file), 1)
    with pytest.raises(mend.MendError) as from_file:
        mend.states(case_file)
    assert str(from_file.value) == done.stderr.strip()


def test_good_text_is_read():
    assert [state["pattern"] for state in mend.states(GOOD)["states"]] == ["NN", "YN", "NY", "YY"]


def test_missing_file_is_not_found(cli):
    with pytest.raises(mend.MendError) as raised:
        mend.analyze("cases/no-such-case.yaml")
    assert raised.value.code == "not-found"
    assert raised.value.file == "cases/no-such-case.yaml"
    done = cli.run("analyze", "cases/no-such-case.yaml")
    assert done.returncode == 1
    assert done.stderr.strip() == str(raised.value)


def test_portfolio_is_refused_where_a_case_is_needed():
    with pytest.raises(mend.MendError, match="portfolio"):
        mend.stability("cases/us-russia/portfolio.yaml")
    with pytest.raises(mend.MendError, match="portfolio"):
        mend.bridge("cases/us-russia/portfolio.yaml", samples=10)


def test_other_objects_are_a_type_error():
    with pytest.raises(TypeError):
        mend.states(42)


def test_mend_error_is_an_exception():
    assert issubclass(mend.MendError, Exception)
