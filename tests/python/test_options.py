# SPDX-License-Identifier: Apache-2.0
"""Keyword options are validated by the engine's command table, as the CLI's flags are."""

import pytest

import mend

CASE = "cases/classic/chicken.yaml"


@pytest.mark.parametrize("command, options, key", [
    ("analyze", {"sample": 10}, "sample"),
    ("analyze", {"samples": -1}, "samples"),
    ("analyze", {"samples": 1.5}, "samples"),
    ("analyze", {"samples": "many"}, "samples"),
    ("analyze", {"samples": True}, "samples"),
    ("analyze", {"concept": "nashh"}, "concept"),
    ("montecarlo", {"samples": 0}, "samples"),
    ("stability", {"samples": 10}, "samples"),
    ("stability", {"concepts": []}, "concepts"),
    ("stability", {"concepts": ["nash", "mystery"]}, "concepts"),
    ("stability", {"concepts": "nash", "threads": 1.0e9}, "threads"),
])
def test_bad_option_is_refused_with_its_name(command, options, key):
    with pytest.raises(mend.MendError) as raised:
        getattr(mend, command)(CASE, **options)
    assert raised.value.key == key
    assert raised.value.code == "invalid-argument"
    assert raised.value.file is None


def test_option_error_is_the_cli_error(cli):
    with pytest.raises(mend.MendError) as raised:
        mend.analyze(CASE, concept="nashh")
    done = cli.run("analyze", CASE, "--concept", "nashh")
    assert done.returncode == 2
    assert done.stderr.strip() == str(raised.value)


def test_list_text_and_tuple_options_agree():
    by_text = mend.stability(CASE, concepts="nash,seq")
    assert mend.stability(CASE, concepts=["nash", "seq"]) == by_text
    assert mend.stability(CASE, concepts=("nash", "seq")) == by_text
    assert sorted(by_text["equilibria"]) == ["nash", "seq"]


def test_text_numbers_are_read_as_the_cli_reads_them():
    assert mend.analyze(CASE, samples="50", seed="2") == mend.analyze(CASE, samples=50, seed=2)


def test_game_takes_at_most_one_of_pure_and_mixed():
    with pytest.raises(mend.MendError) as raised:
        mend.game("tests/nfg/good/pennies-payoffs.nfg", pure=True, mixed=True)
    assert raised.value.key == "pure"
