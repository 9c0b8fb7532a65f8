# SPDX-License-Identifier: Apache-2.0
"""Per-state utilities as numpy arrays: actors × states, the figures of mend.states()."""

import numpy
import pytest

import mend
from conftest import CASES, case_id


@pytest.mark.parametrize("path", CASES, ids=case_id)
def test_utilities_are_the_states_figures(path):
    case = mend.load(path)
    states = mend.states(case)["states"]
    utilities = mend.utilities(path)
    assert isinstance(utilities, numpy.ndarray)
    assert utilities.dtype == numpy.float64
    assert utilities.shape == (len(case.actors), len(states))
    assert [state["pattern"] for state in states] == case.patterns
    expected = numpy.array([[state["utility"][actor] for state in states]
                            for actor in case.actors])
    numpy.testing.assert_array_equal(utilities, expected)
    numpy.testing.assert_array_equal(case.utilities, utilities)


def test_case_describes_itself():
    case = mend.load("cases/classic/elmira.yaml")
    states = mend.states(case)
    assert case.id == states["case"]
    assert case.options == states["options"]
    assert len(case.status_quo) == len(case.options)
    assert case.id in repr(case)


def test_utilities_of_a_portfolio_are_per_case():
    with pytest.raises(mend.MendError):
        mend.utilities("cases/us-russia/portfolio.yaml")
    portfolio = mend.load("cases/us-russia/portfolio.yaml")
    for case in portfolio.cases:
        assert case.utilities.shape == (len(case.actors), len(case.patterns))
