"""AHP weights and consistency against a published example and hand-checkable matrices."""

from __future__ import annotations

import pytest

from optimizer.analysis.ahp import ahp_weights, criteria_weights, pairwise_matrix
from optimizer.model.targets import WEIGHT_KEYS
from tests.published import DRINKS, PUBLISHED_CR, PUBLISHED_WEIGHTS, SAATY_2008_DRINKS


def test_saaty_2008_drinks_weights_and_consistency_ratio():
    result = ahp_weights(SAATY_2008_DRINKS, DRINKS)
    assert [result.weights[d] for d in DRINKS] == pytest.approx(PUBLISHED_WEIGHTS, abs=5e-4)
    assert result.consistency_ratio == pytest.approx(PUBLISHED_CR, abs=5e-4)
    assert result.consistent and result.warning == ""
    assert result.consistency_index == pytest.approx((result.lambda_max - 7) / 6)


def test_consistent_judgements_give_the_ratios_exactly():
    # a matters twice b and four times c, b twice c: weights 4 : 2 : 1, λmax = n, CR = 0.
    result = ahp_weights([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]], "abc")
    assert list(result.weights.values()) == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert result.lambda_max == pytest.approx(3.0)
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-12)


def test_contradicting_judgements_are_warned_about():
    # a > b, b > c and c > a, each extremely: a cycle. The matrix is circulant: λmax = 1 + 9 + 1/9, far above 3.
    result = ahp_weights([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]], "abc")
    assert list(result.weights.values()) == pytest.approx([1 / 3] * 3)
    assert result.consistency_ratio > 0.1 and not result.consistent
    assert "not consistent enough" in result.warning


def test_criteria_weights_for_the_score_objective():
    judgements = {("weight_return", "weight_strategic"): 2, ("weight_return", "weight_security"): 4,
                  ("weight_return", "weight_innovation"): 4, ("weight_return", "weight_risk"): 2,
                  ("weight_strategic", "weight_security"): 2, ("weight_strategic", "weight_innovation"): 2,
                  ("weight_strategic", "weight_risk"): 1, ("weight_security", "weight_innovation"): 1,
                  ("weight_security", "weight_risk"): 1 / 2, ("weight_innovation", "weight_risk"): 1 / 2}
    result = criteria_weights(judgements)
    assert set(result.weights) == set(WEIGHT_KEYS)
    assert sum(result.weights.values()) == pytest.approx(1.0)
    # consistent judgements: return 4, strategic 2, risk 2, security 1, innovation 1 (out of 10)
    assert result.weights["weight_return"] == pytest.approx(0.4)
    assert result.weights["weight_strategic"] == pytest.approx(0.2)
    assert result.weights["weight_risk"] == pytest.approx(0.2)
    assert result.weights["weight_innovation"] == pytest.approx(0.1)


def test_bad_matrices_are_refused():
    with pytest.raises(ValueError, match="reciprocal"):
        ahp_weights([[1, 2], [2, 1]])
    with pytest.raises(ValueError, match="positive"):
        ahp_weights([[1, -2], [-0.5, 1]])
    with pytest.raises(ValueError, match="square"):
        ahp_weights([[1, 2, 3]])
    with pytest.raises(ValueError, match="unknown criterion"):
        pairwise_matrix(["a", "b"], {("a", "z"): 3})
    assert ahp_weights([[1, 3], [1 / 3, 1]]).consistency_ratio == 0.0  # two criteria are always consistent
