"""Realistic wrong answers to the exercise of notebook 00 (start here)."""

from banks import Slip

BANK = {
    "00.pixels_in_digit": [
        Slip("8 + 8", lambda: 16, "8 + 8"),
        Slip("the shape instead of the count", lambda: (8, 8), "count"),
        Slip("one row", lambda: 8, "one row"),
        Slip("counted 7 per side (last index)", lambda: 7 * 7, "8 positions per side"),
        Slip("last flat index", lambda: 63, "8 positions per side"),
        Slip("number as text", lambda: "64", "without quotes"),
        Slip("doubled", lambda: 128, "counted once"),
        Slip("8 ** 8", lambda: 8**8, "8 ** 8"),
        Slip("count in a list", lambda: [64], "without brackets"),
    ],
}
