"""The panels of the window, each showing one part of the planning document: the targets form, the
what-if sliders, the KPI cards, limits and diagnosis, scenarios, risk, trade-offs and why (not).
"""
