"""What an answer means: KPIs before and after against their targets, every constraint with what
loosening it is worth, and why each project was left out.
"""
