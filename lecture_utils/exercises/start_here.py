"""Exercise of notebook 00 (start here): a first self-check."""
NOTEBOOK = "00"

import numpy as np

from ..checks import Exercise, register
from ..checks.slips import said


def _is_number(a, value):
    return not isinstance(a, (str, bytes, bool)) and np.ndim(a) == 0 and np.isclose(float(a), value)


register(
    Exercise(
        id="00.pixels_in_digit",
        expected=lambda: 64,
        hint="An 8 x 8 grid has 8 rows of 8 pixels each.",
        # The pieces of the count: a wrong operation between them (8 ^ 8, 8 - 8, 8 / 8) is named.
        quantities=lambda: {"the 8 rows": 8, "the 8 columns": 8},
        mistakes=(
            (lambda a: isinstance(a, str),
             "that is text (in quotes): write the number itself, without quotes."),
            (lambda a: np.shape(a) == (2,) and tuple(np.asarray(a).tolist()) == (8, 8),
             ("(8, 8) is the grid's shape (rows, columns); the question asks how many pixels: "
              "one number, the count.")),
            (lambda a: _is_number(a, 8**8), "8 ** 8 multiplies 8 by itself 8 times; 8 rows of 8 pixels is 8 * 8."),
            (lambda a: _is_number(a, 16), "16 is 8 + 8 - the grid has 8 rows *times* 8 columns."),
            (lambda a: _is_number(a, 8), "8 is one row (or one column); there are 8 rows of 8 pixels."),
            (lambda a: _is_number(a, 49) or _is_number(a, 63),
             said("the positions are numbered 0 to 7, but that is 8 positions per side (and 64 in all), "
                  "not 7.",
                  "the positions are numbered 0 to 7: count the positions, not the last index.")),
            (lambda a: _is_number(a, 32) or _is_number(a, 128),
             "count once more: 8 rows times 8 columns, each pixel counted once."),
            (lambda a: any(_is_number(a, v) for v in (56, 72, 81)),
             "one side is not 8: the grid has 8 rows and 8 columns, so it is 8 * 8."),
            (lambda a: _is_number(a, 10),
             "10 is the example in the cell's comment (e.g. answer = 10): put your own count in its place."),
            (lambda a: _is_number(a, 88) or _is_number(a, 8.8),
             "that is the two 8s written side by side: 8 rows of 8 pixels is 8 times 8, in Python 8 * 8."),
            (lambda a: _is_number(a, 8e8),
             "8e8 is Python's scientific notation, 8 × 10⁸: the grid is 8 times 8, in Python 8 * 8."),
            (lambda a: _is_number(a, 256),
             "2 ** 8 raises 2 to the 8th power; 8 rows of 8 pixels is 8 * 8 (or 8 ** 2)."),
            (lambda a: _is_number(a, 4096),
             said("4096 is 64 * 64 (or 8 ** 4): that multiplies too often; the grid is 8 * 8.",
                  "4096 is 8 ** 4: that multiplies too often; the grid is 8 rows times 8 columns.")),
        ),
    ),
)
