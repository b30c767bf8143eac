"""Realistic wrong answers to the exercise of notebook 00 (start here)."""

import math

import numpy as np

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


# ---- More slips, written from notebook 00's text alone (issue 26, item 5): what a first-time
# Python user types for "8 × 8 pixels" - operators misread, the example in the comment kept, the
# two 8s typed side by side, rows listed instead of counted.
_MORE = [
    Slip("8 ^ 8: XOR for a power", lambda: 8 ^ 8, "XOR"),
    Slip("the example 10 from the comment kept", lambda: 10, "example in the cell's comment"),
    Slip("88: the two 8s side by side", lambda: 88, "side by side"),
    Slip("8.8", lambda: 8.8, "side by side"),
    Slip("int('8' * 2)", lambda: int("8" * 2), "side by side"),
    Slip("8e8 typed for 8 x 8", lambda: 8e8, "scientific notation"),
    Slip("the formula as text", lambda: "8 * 8", "without quotes"),
    Slip("'8' * 8: text repeated", lambda: "8" * 8, "without quotes"),
    Slip("'8x8' typed as text", lambda: "8x8", "without quotes"),
    Slip("the grid itself, np.zeros((8, 8))", lambda: np.zeros((8, 8)), "asks how many"),
    Slip("8 ** 3 for 8 ** 2", lambda: 8 ** 3, "extra factor"),
    Slip("2 ** 8", lambda: 2 ** 8, "2 ** 8"),
    Slip("half: 8 * 8 / 2", lambda: 8 * 8 / 2, "counted once"),
    Slip("the shape as an array", lambda: np.array([8, 8]), "count"),
    Slip("the shape as a list", lambda: [8, 8], "count"),
    Slip("a one-item tuple (64,)", lambda: (64,), "take it out"),
    Slip("math.sqrt(64)", lambda: math.sqrt(64), "one row"),
    Slip("64 pixels as text", lambda: "64 pixels", "without quotes"),
    Slip("8 // 8", lambda: 8 // 8, "divided"),
    Slip("8 / 8", lambda: 8 / 8, "divided"),
    Slip("8 - 8", lambda: 8 - 8, "subtracted"),
    Slip("[8] * 8: eight rows of 8, not added", lambda: [8] * 8, "their sum is missing"),
    Slip("8 * 8 as a column", lambda: np.array([[8 * 8]]), "one plain number is wanted"),
]
BANK["00.pixels_in_digit"] = BANK["00.pixels_in_digit"] + _MORE
