"""The two tables, each a Qt table model behind a sort and filter proxy: the candidate projects and the
recommended portfolio.
"""
