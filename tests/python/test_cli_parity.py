# SPDX-License-Identifier: Apache-2.0
"""Every binding returns what the CLI returns: for every shipped and test case, the dict of each
binding equals the parsed JSON of the same `mend` command with the same options."""

import json

import pytest

import mend
from conftest import CASES, NFG_FILES, PORTFOLIOS, SOURCE_DIR, case_id

# Small sample runs keep the suite quick; the defaults are checked on their own below.
SAMPLES = 100


@pytest.mark.parametrize("path", CASES + PORTFOLIOS, ids=case_id)
def test_states_is_the_cli_json(cli, path):
    assert mend.states(path) == cli.json("states", path)


@pytest.mark.parametrize("path", CASES, ids=case_id)
def test_stability_is_the_cli_json(cli, path):
    assert mend.stability(path) == cli.json("stability", path)
    assert (mend.stability(path, concepts="nash,gmr", sanctions="gmcr-plus") ==
            cli.json("stability", path, "--concepts", "nash,gmr", "--sanctions", "gmcr-plus"))


@pytest.mark.parametrize("path", CASES + PORTFOLIOS, ids=case_id)
def test_analyze_is_the_cli_json(cli, path):
    assert (mend.analyze(path, samples=SAMPLES, seed=5, concept="gmr") ==
            cli.json("analyze", path, "--samples", SAMPLES, "--seed", 5, "--concept", "gmr"))


@pytest.mark.parametrize("path", CASES + PORTFOLIOS, ids=case_id)
def test_montecarlo_is_the_cli_json(cli, path):
    assert (mend.montecarlo(path, samples=SAMPLES, seed=3, method="lhs") ==
            cli.json("montecarlo", path, "--samples", SAMPLES, "--seed", 3, "--lhs"))


@pytest.mark.parametrize("path", CASES, ids=case_id)
def test_bridge_is_the_cli_json_or_its_error(cli, path):
    """Cases whose dynamics cycle (or that have nothing to bridge) fail alike in both."""
    done = cli.run("bridge", path, "--samples", SAMPLES, "--seed", 2, "--format", "json")
    if done.returncode != 0:
        with pytest.raises(mend.MendError) as raised:
            mend.bridge(path, samples=SAMPLES, seed=2)
        assert str(raised.value) == done.stderr.strip()
        return
    assert mend.bridge(path, samples=SAMPLES, seed=2) == json.loads(done.stdout)


def test_bridge_takes_a_target_and_refuses_an_unknown_one(cli):
    path = SOURCE_DIR / "cases/us-russia/investment.yaml"
    assert (mend.bridge(path, target="YYY", samples=SAMPLES) ==
            cli.json("bridge", path, "--target", "YYY", "--samples", SAMPLES))
    with pytest.raises(mend.MendError, match="target: QQQ is not a feasible state"):
        mend.bridge(path, target="QQQ")


@pytest.mark.parametrize("path", CASES + PORTFOLIOS, ids=case_id)
def test_validate_says_what_the_cli_says(cli, path):
    done = cli.run("validate", path)
    assert done.returncode == 0, done.stderr
    result = mend.validate(path)
    if result["kind"] == "case":
        line = (f"{path}: ok: case '{result['id']}', {result['options']} options, "
                f"{result['states']} feasible states")
    else:
        line = f"{path}: ok: portfolio '{result['id']}', {result['cases']} cases"
    assert done.stdout.strip() == line


@pytest.mark.parametrize("path", CASES + NFG_FILES, ids=case_id)
def test_game_is_the_cli_json_or_its_error(cli, path):
    done = cli.run("game", path, "--format", "json")
    if done.returncode == 0:
        assert mend.game(path) == json.loads(done.stdout)
        assert mend.game(path, pure=True) == cli.json("game", path, "--pure")
    else:
        # A case whose feasible set is not a product of the deciders' choices has no normal form.
        with pytest.raises(mend.MendError) as raised:
            mend.game(path)
        assert str(raised.value) == done.stderr.strip()


def test_analyze_defaults_are_the_cli_defaults(cli):
    path = "cases/us-russia/incidents.yaml"
    assert mend.analyze(path) == cli.json("analyze", path)


def test_text_and_loaded_case_give_what_the_path_gives():
    path = "cases/us-russia/strategic-arms.yaml"
    with open(path, encoding="utf-8") as text:
        source = text.read()
    case = mend.load(path)
    expected = mend.analyze(path, samples=SAMPLES)
    assert mend.analyze(source, samples=SAMPLES) == expected
    assert mend.analyze(case, samples=SAMPLES) == expected
    assert mend.states(case) == mend.states(source) == mend.states(path)
    assert mend.montecarlo(case, samples=SAMPLES) == mend.montecarlo(path, samples=SAMPLES)


def test_nfg_text_is_read_as_gambit_format(cli):
    path = NFG_FILES[0]
    assert mend.game(path.read_text(encoding="utf-8")) == cli.json("game", path)


def test_case_text_gives_the_case_files_game(cli):
    path = SOURCE_DIR / "cases/classic/chicken.yaml"
    assert mend.game(path.read_text(encoding="utf-8")) == cli.json("game", path)


def test_portfolio_cases_are_the_files_cases():
    portfolio = mend.load(PORTFOLIOS[0])
    assert isinstance(portfolio, mend.Portfolio)
    assert portfolio.cases, "a portfolio of no cases"
    for case in portfolio.cases:
        assert isinstance(case, mend.Case)
        assert mend.states(case)["case"] == case.id


def test_portfolio_linkage_compares_alone_transfers_and_linked():
    """The linkage block's (a), (b), (c) and refusal cost reach Python (hand-computed figures in
    the portfolio's summary)."""
    linkage = mend.analyze(SOURCE_DIR / "tests/golden/lenses-linkage-adds/portfolio.yaml")["linkage"]
    assert linkage["standalone"]["gains"] == {"us": 0, "ru": 0}
    assert linkage["with_transfers"]["gains"] == {"us": 0, "ru": 0}
    assert linkage["linked"]["gains"] == {"us": 2, "ru": 1}
    assert linkage["refusal_cost"] == {"us": 2, "ru": 1}
    assert linkage["search"]["trivial"] is False
