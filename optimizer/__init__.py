"""The Qt-free core: read a case, model it, solve it, explain and export the answer."""

from optimizer.startup import import_cvxpy

import_cvxpy()  # first, so that cvxpy comes in without scipy.stats (0.5 s of start-up)
