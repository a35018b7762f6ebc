"""The Qt-free core: read a case, model it, solve it, explain and export the answer."""
