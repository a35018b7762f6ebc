"""The decision analyses built on repeated solves: which targets conflict (`diagnosis`), why a project
is or is not chosen (`explain`), what each level of a target costs (`frontier`), the NPV risk
(`risk`), how stable the recommendation is (`stability`), and weights by pairwise comparison
(`ahp`).
"""
