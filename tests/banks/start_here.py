"""Realistic wrong answers to the exercise of notebook 00 (start here)."""

from banks import Slip

BANK = {
    "00.pixels_in_digit": [
        Slip("8 + 8", lambda: 16, "8 + 8"),
        Slip("the shape instead of the count", lambda: (8, 8), "count"),
        Slip("one row", lambda: 8, "one row"),
        Slip("counted 7 per side (last index)", lambda: 7 * 7, "numbered 0 to 7"),
        Slip("last flat index", lambda: 63, "numbered 0 to 7"),
        Slip("number as text", lambda: "64", "without quotes"),
        Slip("doubled", lambda: 128, "counted once"),
        Slip("8 ** 8", lambda: 8**8, "8 ** 8"),
        Slip("count in a list", lambda: [64], "one plain number is wanted"),
        Slip("7 x 8 (one side miscounted)", lambda: 7 * 8, "one side is not 8"),
        Slip("8 x 9 (one side miscounted)", lambda: 8 * 9, "one side is not 8"),
        Slip("9 x 9", lambda: 9 * 9, "one side is not 8"),
        Slip("64 * 64", lambda: 64 * 64, "multiplies too often"),
        Slip("digit.shape instead of digit.size", lambda: (8, 8), "grid's shape"),
        Slip("a boolean (a comparison)", lambda: 8 * 8 == 64, "boolean"),
        Slip("a shape of three axes", lambda: (8, 8, 1), "is a shape"),
        Slip("count in a nested list", lambda: [[64]], "one plain number is wanted"),
        Slip("number spelled out", lambda: "sixty-four", "without quotes"),
    ],
}
