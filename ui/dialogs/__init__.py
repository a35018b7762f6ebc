"""Dialogs: weights by pairwise comparison.
"""
