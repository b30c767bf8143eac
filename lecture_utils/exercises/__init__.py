"""Exercise specs, one module per notebook; each declares ``NOTEBOOK = "NN"`` (found by ``lecture_utils.checks``)."""
