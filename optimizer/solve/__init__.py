"""Solving: HiGHS on the compiled model with progress, cancel and a watchdog (`highs`), the solve and
its typed outcome (`solver`), the what-if session that re-solves one model (`session`), the check of
every answer against the model's rules (`verify`), and the rank-and-fill start (`ranking`).
"""
