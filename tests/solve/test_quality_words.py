"""How good an answer is, in words (optimizer/solve/solver.py quality): a gap that two decimals would round to
0.00%, but that is not proven optimal, says "less than 0.01%" (issue 16, item 7), in both languages."""

from __future__ import annotations

import pytest

from optimizer.solve.solver import quality
from optimizer.words.language import Words

CHINESE = Words("zh_CN")


@pytest.mark.parametrize(("status", "gap", "english", "chinese"), [
    ("optimal", 1.2e-5, "proven within less than 0.01% of the best possible", "已证明与最优解相差不到 0.01%"),
    ("optimal", 0.0, "proven optimal", "已证明为最优解"),
    ("optimal", 0.005, "proven within 0.50% of the best possible", "已证明与最优解相差不超过 0.50%"),
    ("optimal", 1.2e-4, "proven within 0.01% of the best possible", "已证明与最优解相差不超过 0.01%"),
    ("feasible", 3e-6, "best found when the time limit ran out, within less than 0.01% of the best possible",
     "求解时限已到，为已找到的最好方案，与最优解相差不到 0.01%"),
])
def test_a_gap_is_never_said_as_0_00_percent(status, gap, english, chinese):
    said = quality(status, gap)
    assert (str(said), CHINESE.text(said)) == (english, chinese)
    assert "0.00%" not in str(said)
