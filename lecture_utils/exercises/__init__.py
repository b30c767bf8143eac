"""Exercise specs, one module per notebook (see ``lecture_utils.checks.TOPICS``)."""
