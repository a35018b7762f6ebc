"""Every tolerance of the engine, named once: what it compares, and why it is that size.

HiGHS keeps each row and each integrality to FEASIBILITY (asked for in every solve: budgets and targets
are kept to the cent); what the engine reads back from an answer is compared a little more loosely,
since rows are scaled to order one and sums of many options carry round-off.
"""

FEASIBILITY = 1e-9
"""HiGHS's primal and integrality feasibility, relative to rows scaled to order one."""
PROVEN = 1e-9
"""A relative gap at most this is optimality proven (not "within x%")."""
ROW = 1e-7
"""A limit row (scaled to order one) this close to its bound keeps it: a start handed to HiGHS, the
rank-and-fill plan, a KPI against its target, a target that had to give in the diagnosis."""
RULE = 1e-6
"""The answer checked against the model's rules (solve/verify.py), a limit that binds, a limit a changed
portfolio would break: relative to the row's terms, looser than ROW for sums of many options."""
FUNDED = 1e-6
"""An option funded at a share above this is taken; a share this close to a whole number is whole."""
NEGLIGIBLE = 1e-9
"""An amount this small, relative or absolute, is nothing: spend after the plan, a level gained, how far
past a budget a project alone would go; and the least positive value of a scale that divides."""
ZERO = 1e-12
"""A denominator or a spread this small is zero (a share of nothing, a criterion that does not vary)."""
