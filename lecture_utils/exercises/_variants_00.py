"""Per-class numbers of notebook 00's exercise (``make release SEED=...``): another grid of pixels."""
from ..checks.variants import Variant, declare
from ._variant_kit import pick, rebuilt

_PUBLIC_TEXT = "A handwritten digit in notebook 01 is stored as a grid of 8 × 8 pixels"


def _pixels_exercise(public, nums):
    r, c = nums["rows"], nums["columns"]
    return rebuilt(
        public, expected=lambda: r * c,
        hint=f"A {r} × {c} grid has {r} rows of {c} pixels each.",
        mistakes=(
            (lambda: r + c, "the grid has rows *times* columns pixels, not rows plus columns."),
            (lambda: r, "that is one column's worth of pixels; there are several columns."),
            (lambda: c, "that is one row's worth of pixels; there are several rows."),
            (lambda: (r - 1) * (c - 1), ("the positions are numbered from 0, but the count of positions per side "
                                        "is the side's length.")),
            (lambda: r ** c, "a power multiplies a number by itself; rows times columns is one product."),
            (lambda: 64, "that is the 8 × 8 digit of notebook 01; this grid has other sides."),
        ))


def _draw(rng):
    r = pick(rng, [5, 6, 7, 9, 10, 12])
    c = pick(rng, [6, 7, 9, 11, 12, 15], avoid=(r,))
    return {"rows": int(r), "columns": int(c)}


declare("00.pixels_in_digit", Variant(
    defaults={"rows": 8, "columns": 8},
    draw=_draw,
    prose=lambda n: {_PUBLIC_TEXT: _PUBLIC_TEXT if (n["rows"], n["columns"]) == (8, 8) else
                     f"A small icon is stored as a grid of {n['rows']} × {n['columns']} pixels"},
    exercise=_pixels_exercise,
))
