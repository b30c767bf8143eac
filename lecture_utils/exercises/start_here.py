"""Exercise of notebook 00 (start here): a first self-check."""
NOTEBOOK = "00"

from ..checks import Exercise, register

register(
    Exercise(
        id="00.pixels_in_digit",
        expected=lambda: 64,
        hint="An 8 x 8 grid has 8 rows of 8 pixels each.",
        mistakes=((lambda a: a == 16, "16 is 8 + 8 - the grid has 8 rows *times* 8 columns."),),
    ),
)
