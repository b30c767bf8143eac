"""Exercises of notebook 01 (tensors)."""
NOTEBOOK = "01"

import numpy as np

from ..checks import Exercise, register
from ..data import load_digits, load_grace_hopper


def _digit():
    return load_digits()[0][0]


def _photo():
    return load_grace_hopper()


register(
    Exercise(
        id="01.batch_shape",
        expected=lambda: (10, 150, 128, 3),
        hint="A batch stacks whole images along a new first axis: (images, height, width, channels).",
        mistakes=(
            (lambda a: tuple(a) == (10, 128, 150, 3), "height comes before width: an image is (rows, columns, channels)."),
            (lambda a: tuple(a) == (150, 128, 3, 10), "numpy (and deep-learning libraries) put the batch axis first."),
            (lambda a: tuple(a) == (150, 128, 3), "that is one image; the batch has 10 of them."),
            (lambda a: len(a) != 4, "a batch of colour images has four axes: one more than a single (h, w, 3) image."),
        ),
        reveal_shape=False,
    ),
    Exercise(
        id="01.flatten_image",
        expected=lambda: _digit().reshape(-1),
        hint="reshape(-1) lays the rows of the image end to end in one long vector.",
        mistakes=(
            (lambda a: np.shape(a) == (8, 8), "that is still the 8 x 8 image: flatten it into 64 numbers."),
            (lambda a: np.array_equal(np.ravel(a), _digit().T.reshape(-1)) and np.shape(a) == (64,),
             "you laid the columns end to end (that is the transpose flattened); lay out the rows."),
        ),
    ),
    Exercise(
        id="01.red_channel",
        expected=lambda: _photo()[:, :, 0],
        hint="The channel is the last axis: keep every row and every column, and pick channel 0.",
        mistakes=(
            (lambda a: np.shape(a) == (128, 3), "that is the first row of pixels: the channel is the *last* axis."),
            (lambda a: np.shape(a) == (150, 3), "that is the first column of pixels: the channel is the *last* axis."),
            (lambda a: np.array_equal(a, _photo()[:, :, 1]) or np.array_equal(a, _photo()[:, :, 2]),
             "that is another channel: channels are numbered red 0, green 1, blue 2."),
        ),
    ),
    Exercise(
        id="01.data_matrix",
        expected=lambda: load_digits()[0][:100].reshape(100, 64),
        hint="One row per image: keep the first axis (100 images) and merge the two pixel axes.",
    ),
    Exercise(
        id="01.scale_pixels",
        expected=lambda: _digit() / 16,
        hint="Broadcasting applies one scalar to every entry; the largest intensity, 16, should become 1.",
        mistakes=((lambda a: np.allclose(np.asarray(a), _digit() / 255),
                   "255 is the maximum of photo pixels; these digit intensities go up to 16."),),
    ),
)
