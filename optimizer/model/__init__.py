"""The planning case and its model: the data (`case`), the vocabulary of targets (`targets`), every
figure as a ratio of linear functions (`measures`) and the cvxpy mixed-integer model (`portfolio`).
"""
