"""Realistic wrong answers to the exercises of notebook 01 (tensors)."""


import numpy as np

from banks import Slip
from lecture_utils.data import load_digits, load_grace_hopper


def _images():
    return load_digits()[0]


def _digit():
    return _images()[0]


def _photo():
    return load_grace_hopper()


BANK = {
    "01.batch_shape": [
        Slip("channels first (PyTorch order)", lambda: (10, 3, 150, 128), "channels-first"),
        Slip("width before height", lambda: (10, 128, 150, 3), "height comes before width"),
        Slip("batch axis last", lambda: (150, 128, 3, 10), "batch axis first"),
        Slip("one image", lambda: (150, 128, 3), "one image"),
        Slip("no channel axis", lambda: (10, 150, 128), "no channel axis"),
        Slip("shape as text", lambda: "(10, 150, 128, 3)", "without quotes"),
        Slip("number of entries", lambda: 10 * 150 * 128 * 3, "single number"),
        Slip("flattened batch", lambda: (10, 150 * 128 * 3), "flattened"),
        Slip("sizes scrambled", lambda: (3, 10, 128, 150), "wrong order"),
        Slip("one channel", lambda: (10, 150, 128, 1), "3 channels"),
        Slip("counted 9 photos (last index)", lambda: (9, 150, 128, 3), "not the last index"),
        Slip("last indices instead of lengths", lambda: (9, 149, 127, 2), "not their last indices"),
        Slip("last index of height and width only", lambda: (10, 149, 127, 3), "not their last indices"),
        Slip("the batch array itself", lambda: np.zeros((10, 150, 128, 3)), "not its shape"),
        Slip("a batch of one", lambda: (1, 150, 128, 3), "batch of one photo"),
        Slip("the notebook's batch of 4", lambda: (4, 150, 128, 3), "batch of 4"),
        Slip("RGBA channels", lambda: (10, 150, 128, 4), "RGBA"),
        Slip("digit size instead of photo size", lambda: (10, 8, 8, 3), "size of a digit"),
        Slip("shape as a list of strings", lambda: ["10", "150", "128", "3"], None),
        Slip("five axes", lambda: (10, 150, 128, 3, 1), "four axes"),
        Slip("sizes in a set {...}", lambda: {10, 150, 128, 3}, "set or dict"),
    ],
    "01.flatten_image": [
        Slip("still 8 x 8", lambda: _digit(), "still the 8 x 8 image"),
        Slip("a column (64, 1)", lambda: _digit().reshape(64, 1), "shape (64,)"),
        Slip("a row (1, 64)", lambda: _digit().reshape(1, 64), "shape (64,)"),
        Slip("columns laid end to end", lambda: _digit().T.reshape(-1), "columns end to end"),
        Slip("one row only", lambda: _digit()[0], "one row"),
        Slip("flattened every image", lambda: _images().reshape(-1), "all 1797 images"),
        Slip("another image", lambda: _images()[1].reshape(-1), "another image"),
        Slip("summed instead", lambda: _digit().sum(), "single number"),
        Slip("code as text", lambda: "digit.reshape(-1)", "without quotes"),
        Slip("the wanted shape instead of the array", lambda: (64,), "shape the answer should have"),
        Slip("the last image", lambda: _images()[-1].reshape(-1), "another image"),
        Slip("image 10", lambda: _images()[10].reshape(-1), "another image"),
        Slip("also scaled by 16", lambda: _digit().reshape(-1) / 16, "also divided by 16"),
        Slip("Fortran order (columns)", lambda: _digit().ravel(order="F"), "columns end to end"),
        Slip("a row of shape (1, 64) from images[:1]", lambda: _images()[:1].reshape(1, -1), "shape (64,)"),
        Slip("sum of each column", lambda: _digit().sum(axis=0), "one row"),
    ],
    "01.red_channel": [
        Slip("first row of pixels", lambda: _photo()[0], "first row"),
        Slip("first column of pixels", lambda: _photo()[:, 0], "first column"),
        Slip("green channel", lambda: _photo()[:, :, 1], "another channel"),
        Slip("blue channel (counted from 1)", lambda: _photo()[:, :, 2], "another channel"),
        Slip("slice keeps the axis", lambda: _photo()[:, :, 0:1], "0:1"),
        Slip("transposed", lambda: _photo()[:, :, 0].T, "transposed"),
        Slip("mean of the channels", lambda: _photo().mean(axis=2), "mean of the three channels"),
        Slip("scaled to [0, 1]", lambda: _photo()[:, :, 0] / 255, "scaled"),
        Slip("the whole photo", lambda: _photo(), "whole photo"),
        Slip("sum over the channels", lambda: _photo().sum(axis=2), "combines the three channels"),
        Slip("max over the channels", lambda: _photo().max(axis=2), "combines the three channels"),
        Slip("mean of each channel", lambda: _photo().mean(axis=(0, 1)), "one per channel"),
        Slip("one pixel's RGB", lambda: _photo()[0, 0], "one per channel"),
        Slip("photo[0, :, :] (first row)", lambda: _photo()[0, :, :], "first row"),
        Slip("photo[:, 0, :] (first column)", lambda: _photo()[:, 0, :], "first column"),
        Slip("float scaled / 255.0", lambda: _photo()[:, :, 0] / 255.0, "scaled"),
        Slip("slice :1 keeps the axis", lambda: _photo()[:, :, :1], "0:1"),
    ],
    "01.data_matrix": [
        Slip("not reshaped", lambda: _images()[:100], "merge the two pixel axes"),
        Slip("all images", lambda: _images().reshape(1797, 64), "every image"),
        Slip("transposed", lambda: _images()[:100].reshape(100, 64).T, "one column per image"),
        Slip("reshape(64, 100)", lambda: _images()[:100].reshape(64, 100), "reshape(64, 100)"),
        Slip("images[1:101]", lambda: _images()[1:101].reshape(100, 64), "off by one"),
        Slip("images[:99]", lambda: _images()[:99].reshape(99, 64), "one row too few"),
        Slip("images[100:200]", lambda: _images()[100:200].reshape(100, 64), "100 other images"),
        Slip("the last 100 images", lambda: _images()[-100:].reshape(100, 64), "100 other images"),
        Slip("each image transposed", lambda: _images()[:100].transpose(0, 2, 1).reshape(100, 64), "columns end to end"),
        Slip("Fortran-order reshape", lambda: _images()[:100].reshape(100, 64, order="F"), "columns end to end"),
        Slip("also scaled by 16", lambda: _images()[:100].reshape(100, 64) / 16, "also divided by 16"),
        Slip("images[1:100] (counted from 1)", lambda: _images()[1:100].reshape(99, 64), "one row too few"),
        Slip("images[:101]", lambda: _images()[:101].reshape(101, 64), "one row too few or too many"),
        Slip("all images, transposed", lambda: _images().reshape(1797, 64), "every image"),
    ],
    "01.scale_pixels": [
        Slip("divided by this image's max", lambda: _digit() / _digit().max(), "largest value (15)"),
        Slip("integer division //", lambda: _digit() // 16, "integer division"),
        Slip("cast to int", lambda: (_digit() / 16).astype(int), "every value is 0"),
        Slip("divided by 255", lambda: _digit() / 255, "255"),
        Slip("multiplied by 16", lambda: _digit() * 16, "multiplied by 16"),
        Slip("divided by 17 values", lambda: _digit() / 17, "17 possible values"),
        Slip("divided by the sum", lambda: _digit() / _digit().sum(), "sum of all pixels"),
        Slip("flattened as well", lambda: _digit().reshape(-1) / 16, "flattened"),
        Slip("rounded to 2 decimals", lambda: np.round(_digit() / 16, 2), "rounded"),
        Slip("rounded to 1 decimal", lambda: np.round(_digit() / 16, 1), "rounded"),
        Slip("inverted scale", lambda: 1 - _digit() / 16, "turned round"),
        Slip("ink or no ink (digit > 0)", lambda: (_digit() > 0).astype(float), "0 or 1"),
        Slip("clipped to [0, 1]", lambda: np.clip(_digit(), 0, 1), "0 or 1"),
        Slip("standardised", lambda: (_digit() - _digit().mean()) / _digit().std(), "standardises"),
        Slip("scaled every image", lambda: _images() / 16, "several images"),
        Slip("min-max scaled (this image's range)", lambda: (_digit() - _digit().min()) / (_digit().max() - _digit().min()), "largest value (15)"),
        Slip("divided by 8", lambda: _digit() / 8, None),
    ],
}


# ---- More slips, written from notebook 01's text alone (issue 26, item 5).
_MORE = {
    "01.batch_shape": [
        Slip("10 added to the channels", lambda: (150, 128, 13), "four axes"),
        Slip("batch merged into the height", lambda: (1500, 128, 3), "four axes"),
        Slip("batch merged into the channels", lambda: (150, 128, 30), "four axes"),
        Slip("batch between width and channels", lambda: (150, 128, 10, 3), "wrong order"),
    ],
    "01.flatten_image": [
        Slip("digit.shape for the vector", lambda: _digit().shape, None),
        Slip("sorted pixels", lambda: np.sort(_digit().ravel()), "wrong places"),
        Slip("a list of rows", lambda: [list(r) for r in _digit()], "still the 8 x 8 image"),
    ],
    "01.red_channel": [
    ],
    "01.data_matrix": [
    ],
    "01.scale_pixels": [
        Slip("divided by 16, then rounded", lambda: np.round(_digit() / 16), "rounded"),
    ],
}
for _id, _slips in _MORE.items():
    BANK[_id] = BANK[_id] + _slips
