"""The main window and what it holds: the planning document the panels follow, the background work
(solves, analyses) and the autosave.
"""
