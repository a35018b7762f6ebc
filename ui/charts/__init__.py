"""Charts of an answer (QtCharts): spend by year against budget, capex by strategic category, and the
chart view the analysis panels draw on.
"""
