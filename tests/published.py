"""Published examples with their published answers, for the tests of the engine and of the app."""

# Saaty, T. L. (2008) "Decision making with the analytic hierarchy process", Int. J. Services Sciences
# 1(1), 83-98, Table 2: "Which drink is consumed more in the US?" The paper gives the derived scale
# .177 .019 .042 .116 .190 .129 .327 and a consistency ratio of .022.
DRINKS = ("coffee", "wine", "tea", "beer", "sodas", "milk", "water")
SAATY_2008_DRINKS = [
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
]
PUBLISHED_WEIGHTS = (0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327)
PUBLISHED_CR = 0.022
