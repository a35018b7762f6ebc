"""Weights of the `score` objective from pairwise comparisons: the Analytic Hierarchy Process.

The user says, for each pair of criteria, how much more important the first is than the second on
Saaty's 1..9 scale (1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more
important; 1/3 ... 1/9 the other way round). From the reciprocal matrix A of these judgements:

- the weights are the principal eigenvector of A (the eigenvalue λmax of largest modulus, which
  is real and positive for a positive matrix, Perron–Frobenius), scaled to sum to 1;
- the consistency index CI = (λmax − n) / (n − 1) is 0 for perfectly consistent judgements
  (a_ik = a_ij × a_jk), and the consistency ratio CR = CI / RI compares it with Saaty's random
  index RI, the mean CI of random reciprocal matrices of the same size;
- CR above 0.1 means the judgements contradict each other too much: revise them.

Source: T. L. Saaty, "Decision making with the analytic hierarchy process", Int. J. Services
Sciences 1(1), 2008, pp. 83–98 (the method, the scale, the random index).

    result = criteria_weights({("weight_return", "weight_risk"): 3, ...})
    result.weights            # {"weight_return": 0.41, ...}: Settings weights for the score objective
    result.consistency_ratio, result.warning
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from optimizer.model.targets import WEIGHT_KEYS

RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}
"""Saaty's random consistency index by matrix size."""
CONSISTENCY_LIMIT = 0.1
SCALE = (1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9)
"""The values a judgement takes on Saaty's scale."""


@dataclass(frozen=True)
class AhpResult:
    names: tuple[str, ...]
    weights: dict[str, float]
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    """0 for two criteria or fewer (any such judgement is consistent)."""

    @property
    def consistent(self) -> bool:
        return self.consistency_ratio <= CONSISTENCY_LIMIT

    @property
    def warning(self) -> str:
        """A plain warning when the judgements contradict each other too much, else ""."""
        if self.consistent:
            return ""
        return (f"The comparisons are not consistent enough: consistency ratio {self.consistency_ratio:.3f} is above "
                f"{CONSISTENCY_LIMIT:g}. Review the pairs that contradict each other (if A matters more than B and B "
                "more than C, A should matter more than C).")


def pairwise_matrix(names: Sequence[str], judgements: dict[tuple[str, str], float]) -> np.ndarray:
    """The reciprocal matrix from judgements {(a, b): how much more a matters than b}; 1 for a missing pair."""
    index = {name: i for i, name in enumerate(names)}
    matrix = np.ones((len(names), len(names)))
    for (a, b), value in judgements.items():
        if a not in index or b not in index:
            raise ValueError(f"unknown criterion in the pair ({a}, {b})")
        if a == b:
            raise ValueError(f"a criterion is not compared with itself ({a})")
        if not value > 0 or not np.isfinite(value):
            raise ValueError(f"({a}, {b}): a judgement is a positive number (1/9 to 9), not {value}")
        matrix[index[a], index[b]] = float(value)
        matrix[index[b], index[a]] = 1.0 / float(value)
    return matrix


def ahp_weights(matrix: np.ndarray | Sequence[Sequence[float]], names: Sequence[str] | None = None) -> AhpResult:
    """Weights, λmax, CI and CR of a positive reciprocal matrix (ValueError if it is not one)."""
    a = np.asarray(matrix, dtype=float)
    n = a.shape[0]
    if a.ndim != 2 or a.shape[1] != n or n == 0:
        raise ValueError("the comparison matrix must be square")
    if not np.all(a > 0) or not np.all(np.isfinite(a)):
        raise ValueError("every judgement must be a positive number")
    if not np.allclose(a * a.T, 1.0, rtol=1e-6):
        raise ValueError("the comparison matrix must be reciprocal: a[j][i] = 1 / a[i][j], and 1 on the diagonal")
    if n > max(RANDOM_INDEX):
        raise ValueError(f"at most {max(RANDOM_INDEX)} criteria can be compared (Saaty's random index)")
    names = tuple(names) if names is not None else tuple(str(i) for i in range(n))
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    lambda_max = float(values[k].real)
    vector = np.abs(vectors[:, k].real)
    weights = vector / vector.sum()
    ci = max(0.0, (lambda_max - n) / (n - 1)) if n > 1 else 0.0
    cr = ci / RANDOM_INDEX[n] if RANDOM_INDEX[n] > 0 else 0.0
    return AhpResult(names, {name: float(w) for name, w in zip(names, weights, strict=True)}, lambda_max, ci, cr)


def criteria_weights(judgements: dict[tuple[str, str], float],
                     criteria: Sequence[str] = WEIGHT_KEYS) -> AhpResult:
    """The score objective's weights (Settings keys weight_return ... weight_risk) from pairwise judgements."""
    return ahp_weights(pairwise_matrix(criteria, judgements), criteria)
