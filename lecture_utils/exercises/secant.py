"""Notebook 04's first exercise: the slope of a secant, height over width, by hand."""
NOTEBOOK = "04"

from ..checks import Exercise, register
from ..checks.slips import said
from .derivatives import _is


# --- 04.secant_slope ------------------------------------------------------------------------
# Not the lecture's worked example (2 -> 2.01, slope 4.01, printed in the notebook above the
# exercise): the same f, one point further right.
def _f(x):
    return x ** 2 + 1


SECANT = (_f(3.01) - _f(3)) / (3.01 - 3)


def _secant_slip(wrong, tol=1e-6):
    return lambda a: _is(a, wrong, SECANT, tol)


_BRACKETS = ("brackets: Python divides before it subtracts, so write "
             "((3.01**2 + 1) - (3**2 + 1)) / (3.01 - 3), with the height and the width each in "
             "their own brackets.")

register(
    Exercise(
        id="04.secant_slope",
        expected=lambda: SECANT,
        hint="Slope = height / width = (f(3.01) − f(3)) / (3.01 − 3) with f(x) = x² + 1.",
        mistakes=(
            (_secant_slip(6.0, 1e-12),
             said("6 is f′(3), the slope of the tangent (the limit as the width shrinks); the secant "
                  "between 3 and 3.01 is a little steeper (if you rounded 6.01 to 6.0, keep the digits).",
                  "6 is f′(3), the slope of the tangent (the limit as the width shrinks); the secant "
                  "between 3 and 3.01 is a little steeper (if you rounded, keep the digits).")),
            (_secant_slip(4.01, 1e-6),
             ("4.01 is the worked example's secant, between 2 and 2.01; this one runs from 3 to 3.01: "
              "(f(3.01) − f(3)) / (3.01 − 3).")),
            (_secant_slip(2 * 3.01, 1e-4),
             ("6.02 = 2 · 3.01 is f′(3.01), the tangent's slope at the right end; the secant's "
             "slope is height over width.")),
            (_secant_slip(_f(3.01) - _f(3), 1e-3),
             "that is the height f(3.01) − f(3); divide it by the width 3.01 − 3."),
            (lambda a: _is(a, 60.0, SECANT, 1e-3) or _is(a, 60.1, SECANT, 1e-3),
             said("ten times too large - a decimal point slipped: the height is 3.01² + 1 − 10 = 0.0601 (not "
                  "0.6, the slip the original slides make in their example) and the width 3.01 − 3 = 0.01.",
                  "a decimal point slipped in the height f(3.01) − f(3) or in the width 3.01 − 3 (the "
                  "original slides make this slip too).")),
            (_secant_slip((_f(3.1) - _f(3)) / 0.01, 1e-4),
             "you used f(3.1); the second point is 3.01 (width 0.01), f(3.01) = 10.0601."),
            (_secant_slip(SECANT / 10, 1e-4),
             said("ten times too small - a decimal point slipped in the width: it is 3.01 − 3 = 0.01, not 0.1.",
                  "a decimal point slipped in the width 3.01 − 3.")),
            (_secant_slip(_f(3.01) / _f(3), 1e-4),
             "that is the ratio f(3.01) / f(3); the slope is the difference of heights over the width."),
            (_secant_slip(1 / SECANT, 1e-4), "upside down: slope = height / width, not width / height."),
            (_secant_slip((_f(3.01) - _f(3)) * 0.01, 1e-3), "divide the height by the width; you multiplied."),
            (_secant_slip(_f(3.01) / 0.01, 1e-4),
             ("you divided f(3.01) itself by the width; the height is the *difference* "
             "f(3.01) − f(3).")),
            (_secant_slip((_f(3.01) - _f(3)) / 3.01, 1e-3),
             "you divided by 3.01; the width is the difference 3.01 − 3 = 0.01."),
            (lambda a: _is(a, (3.01 ** 2 + 1 - 3 ** 2) / 0.01, SECANT, 1e-4)
             or _is(a, (3.01 ** 2 - _f(3)) / 0.01, SECANT, 1e-4),
             "the + 1 belongs to both points: f(3.01) = 3.01² + 1 and f(3) = 3² + 1 = 10."),
            (lambda a: any(_is(a, wrong, SECANT, 1e-4) for wrong in (
                3.01 ** 2 + 1 - 3 ** 2 + 1 / 3.01 - 3,
                (3.01 ** 2 + 1) - (3 ** 2 + 1) / (3.01 - 3),
                ((3.01 ** 2 + 1) - (3 ** 2 + 1)) / 3.01 - 3,
                (3.01 ** 2 + 1 - 3 ** 2 + 1) / (3.01 - 3))),
             _BRACKETS),
            (_secant_slip(2.0, 1e-4),
             ("2 is the slope of the line 2x + 1 from section 1 (or of x * 2 + 1); this f is "
              "x² + 1, in Python x ** 2 + 1.")),
            (lambda a: any(_is(a, (_f(3 + e) - _f(3)) / e, SECANT, 1e-6) for e in (1, 0.5, 0.1, 0.001)),
             ("that is the slope of a secant of another width (it equals 6 + width here); the "
              "width asked for is 3.01 − 3 = 0.01.")),
            (_secant_slip(-SECANT),
             ("the sign is flipped: you subtracted in one order on top, f(3.01) − f(3), and in "
             "the other below (3 − 3.01), or the other way round.")),
        ),
    ),
)
