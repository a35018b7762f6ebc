"""Screening: projects the group may not invest in, whatever they would add.

Negative-list screening today: a commercial project (flagged neither `security` nor `livelihood`) whose IRR is
below the group's hurdle rate is prohibited. The model forces such a project out, the reader refuses it as
mandatory, the report gives the reason for leaving it out, and explain will not force it in; all of them ask here.
"""

from __future__ import annotations

from optimizer.model.case import Project
from optimizer.words.text import Text


def prohibition(project: Project, hurdle_rate: float) -> Text | None:
    """Why negative-list screening prohibits the project, or None when it may be chosen."""
    if project.security or project.livelihood or project.irr is None or project.irr >= hurdle_rate:
        return None
    return Text("negative list: IRR {irr:.2%} is below the hurdle rate {hurdle_rate:.2%} for a commercial project",
                irr=project.irr, hurdle_rate=hurdle_rate)


def is_prohibited(project: Project, hurdle_rate: float) -> bool:
    return prohibition(project, hurdle_rate) is not None
