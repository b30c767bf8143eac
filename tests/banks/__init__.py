"""Misconception banks: realistic wrong answers to every exercise, one module per topic.

``banks/<topic>.py`` mirrors ``lecture_utils/exercises/<topic>.py`` and defines
``BANK = {"NN.exercise_id": [Slip(...), ...]}``. ``tests/test_misconceptions.py`` runs every
slip through ``checks.evaluate`` and requires each to be judged wrong, with the message
naming the mistake (``says``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Slip:
    """One wrong answer a student really gives.

    Parameters
    ----------
    why : str
        The mistake in a few words ("forgot the 1/p root"), for test ids and reports.
    answer : callable
        ``answer()`` builds the wrong answer (a value, or a function for a function exercise).
    says : str or None
        A phrase the checker's message must contain (case-insensitive) to count as naming
        this mistake; None records a slip the checker only answers generically.
    """

    why: str
    answer: Callable[[], Any]
    says: str | None
