"""Exercises of notebook 01 (tensors)."""
NOTEBOOK = "01"

import numpy as np

from ..checks import Exercise, register, said
from ..data import load_digits, load_grace_hopper


def _digit():
    return load_digits()[0][0]


def _photo():
    return load_grace_hopper()


def _images():
    return load_digits()[0]


def _same(a, b):
    """Whether answer ``a`` has exactly the values and shape of ``b`` (never raises)."""
    a = np.asarray(a)
    return a.shape == np.shape(b) and a.dtype.kind in "biuf" and np.allclose(a, b)


def _shape_tuple(a):
    return tuple(int(v) for v in a)


def _whole_numbers(a):
    a = np.asarray(a)
    return a.shape == (8, 8) and a.dtype.kind in "biuf" and not np.any(a)


def _last_indices(a):
    """Some sizes one less than the right ones (the last index of an axis, not its length)."""
    got, want = _shape_tuple(a), (10, 150, 128, 3)
    return len(got) == 4 and got != want and all(g in (w, w - 1) for g, w in zip(got, want))


def _other_image(a):
    """A flattened image of ``images`` other than ``digit`` (images[0])."""
    a = np.asarray(a)
    if a.shape != (64,) or a.dtype.kind not in "biuf":
        return False
    flat = _images().reshape(len(_images()), -1)
    hits = np.flatnonzero(np.all(flat == a, axis=1))
    return len(hits) > 0 and 0 not in hits


def _other_hundred(a):
    """100 consecutive images of ``images`` other than the first 100 (images[k:k + 100], k > 0)."""
    a = np.asarray(a)
    if a.shape != (100, 64) or a.dtype.kind not in "biuf":
        return False
    flat = _images().reshape(len(_images()), -1)
    starts = np.flatnonzero(np.all(flat == a[0], axis=1))
    return any(k > 0 and k + 100 <= len(flat) and np.array_equal(flat[k:k + 100], a) for k in starts)


def _reordered_batch(a):
    return sorted(_shape_tuple(a)) == [3, 10, 128, 150] and _shape_tuple(a) != (10, 150, 128, 3)


register(
    Exercise(
        id="01.batch_shape",
        expected=lambda: (10, 150, 128, 3),
        hint="A batch stacks whole images along a new first axis: (images, height, width, channels).",
        mistakes=(
            (lambda a: isinstance(a, str),
             "write the shape as a tuple of numbers, without quotes, like (1, 2, 3, 4) - not as text."),
            (lambda a: isinstance(a, (set, frozenset, dict)),
             "a set or dict keeps no order of axes: give the sizes in order, as a tuple like (1, 2, 3, 4)."),
            (lambda a: np.ndim(a) >= 2,
             ("that is an array of numbers (the batch itself?), not its shape: give the sizes of its "
              "axes as a tuple, like (1, 2, 3, 4) - what batch.shape would print.")),
            (lambda a: np.ndim(a) == 0,
             ("a shape is a tuple with one number per axis, like (1, 2, 3, 4); a single number (such as "
              "the count of all entries) is not a shape.")),
            (lambda a: _shape_tuple(a) == (10, 3, 150, 128),
             ("that is channels-first order (images, channels, height, width), PyTorch's convention; "
              "numpy images, and this course, keep the channels last: (images, height, width, channels).")),
            (lambda a: _shape_tuple(a) == (10, 128, 150, 3), "height comes before width: an image is (rows, columns, channels)."),
            (lambda a: _shape_tuple(a) == (150, 128, 3, 10), "numpy (and deep-learning libraries) put the batch axis first."),
            (lambda a: _shape_tuple(a) == (150, 128, 3), said("that is one image; the batch has 10 of them.",
                                                                    "that is one image; a batch stacks many along a new first axis.")),
            (lambda a: _shape_tuple(a) == (10, 150, 128),
             "that batch has no channel axis: each colour image keeps its 3 channels."),
            (lambda a: _shape_tuple(a) == (10, 150 * 128 * 3),
             "that is the batch flattened to one row per image; stacking keeps each image's three axes."),
            (lambda a: _shape_tuple(a) == (10, 150, 128, 1),
             "a colour image has 3 channels (red, green, blue), so the last axis has length 3."),
            (lambda a: _shape_tuple(a) == (9, 150, 128, 3),
             said("10 photos give an axis of length 10 (their indices run from 0 to 9): count them, not the last index.",
                  "the first axis counts the photos: its length is how many there are, not the last index.")),
            (lambda a: _shape_tuple(a) == (9, 149, 127, 2),
             said("a shape lists the lengths of the axes, not their last indices: 10 images, 150 rows, ...",
                  "a shape lists the lengths of the axes, not their last indices.")),
            (_last_indices,
             said("a shape lists the lengths of the axes, not their last indices: an axis with indices 0 to "
                  "149 has length 150.",
                  "a shape lists the lengths of the axes, not their last indices: an axis with indices "
                  "0 to k - 1 has length k.")),
            (lambda a: _shape_tuple(a) == (1, 150, 128, 3),
             said("that is a batch of one photo; stacking 10 photos gives 10 along the first axis.",
                  "that is a batch of one photo; the first axis counts every photo stacked.")),
            (lambda a: _shape_tuple(a) == (4, 150, 128, 3),
             said("that is the notebook's batch of 4 images; this batch stacks 10 photos.",
                  "that is the notebook's batch of 4 images; count the photos of this batch.")),
            (lambda a: _shape_tuple(a) == (10, 150, 128, 4),
             "4 channels would be RGBA (colour plus transparency); these photos have 3: red, green, blue."),
            (lambda a: _shape_tuple(a)[1:3] == (8, 8),
             said("8 x 8 is the size of a digit; each photo is 150 x 128 pixels (height, width).",
                  "8 x 8 is the size of a digit; use the photos' own height and width.")),
            (lambda a: len(a) != 4, "a batch of colour images has four axes: one more than a single (h, w, 3) image."),
            (_reordered_batch,
             "the right sizes in the wrong order: (images, height, width, channels)."),
        ),
        reveal_shape=False,
    ),
    Exercise(
        id="01.flatten_image",
        expected=lambda: _digit().reshape(-1),
        hint="reshape(-1) lays the rows of the image end to end in one long vector.",
        mistakes=(
            (lambda a: isinstance(a, str),
             "that is text (in quotes): write the Python expression itself, without quotes."),
            (lambda a: isinstance(a, tuple) and _shape_tuple(a) == (64,),
             "(64,) is the shape the answer should have; give the flattened array itself, made from digit."),
            (lambda a: np.shape(a) == (8, 8), "that is still the 8 x 8 image: flatten it into 64 numbers."),
            (lambda a: np.shape(a) in ((64, 1), (1, 64)) and np.allclose(np.ravel(a), _digit().reshape(-1)),
             ("right numbers, but a 2-D array (a column (64, 1) or a row (1, 64)); a numpy vector has one "
              "axis: shape (64,). Use reshape(-1) or reshape(64).")),
            (lambda a: np.array_equal(np.ravel(a), _digit().T.reshape(-1)) and np.shape(a) == (64,),
             "you laid the columns end to end (that is the transpose flattened); lay out the rows."),
            (lambda a: np.shape(a) == (8,), "that is one row (or column) of 8 pixels; flatten all 8 rows into 64 numbers."),
            (lambda a: np.size(a) == _images().size,
             "that flattens all 1797 images; flatten only `digit` (one 8 x 8 image)."),
            (lambda a: np.ndim(a) == 0, "that is a single number; flattening keeps all 64 pixel values."),
            (lambda a: np.shape(a) == (64,) and any(_same(a, im.reshape(-1)) for im in _images()[1:4]),
             "that is another image; flatten `digit` (images[0])."),
            (_other_image, "that is another image of `images`; flatten `digit` (images[0])."),
            (lambda a: _same(a, _digit().reshape(-1) / 16),
             "right order, but you also divided by 16; flattening keeps the pixel values as they are."),
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
            (lambda a: np.shape(a) == (150, 128, 1),
             ("right numbers, but shape (150, 128, 1): the slice 0:1 keeps the channel axis; "
              "an index, photo[:, :, 0], drops it.")),
            (lambda a: np.shape(a) == (128, 150) and np.array_equal(a, _photo()[:, :, 0].T),
             "that is the red channel transposed (128 x 150): keep rows first, photo[:, :, 0]."),
            (lambda a: _same(a, _photo().mean(axis=2)),
             "that is the mean of the three channels (a grey version); take channel 0 only."),
            (lambda a: _same(a, _photo()[:, :, 0] / 255),
             "that is the red channel scaled to [0, 1]; keep the original 0-255 values."),
            (lambda a: np.shape(a) == (150, 128, 3), "that is the whole photo; pick one channel with a third index."),
            (lambda a: any(_same(a, f(_photo(), axis=2)) for f in (np.sum, np.max, np.min)),
             ("that combines the three channels of each pixel (a sum, max or min over axis 2); take "
              "channel 0 only, with an index.")),
            (lambda a: _same(a, _photo().mean(axis=(0, 1))) or _same(a, _photo()[0, 0]),
             ("those are 3 numbers, one per channel; the red channel is a whole (150, 128) matrix: "
              "every row, every column, channel 0.")),
        ),
    ),
    Exercise(
        id="01.data_matrix",
        expected=lambda: load_digits()[0][:100].reshape(100, 64),
        hint="One row per image: keep the first axis (100 images) and merge the two pixel axes.",
        mistakes=(
            (lambda a: np.shape(a) == (100, 8, 8), "those are still 100 images of 8 x 8; merge the two pixel axes into 64 columns."),
            (lambda a: np.shape(a) == (1797, 64), "that is every image (1797 rows); keep only the first 100."),
            (lambda a: _same(a, _images()[:100].reshape(100, 64).T),
             "that has one column per image (64 x 100), the transpose; the data matrix has one row per example."),
            (lambda a: np.shape(a) == (64, 100),
             "reshape(64, 100) mixes pixels of different images in each row; keep images as rows: reshape(100, 64)."),
            (lambda a: _same(a, _images()[1:101].reshape(100, 64)),
             "off by one: images[1:101] skips image 0; images[:100] takes images 0 to 99."),
            (lambda a: np.shape(a)[1:] == (64,) and np.shape(a)[0] in (99, 101),
             "one row too few or too many: images[:100] is 100 images (0 to 99)."),
            (_other_hundred, "those are 100 other images; the first 100 are images[:100] (0 to 99)."),
            (lambda a: _same(a, _images()[:100].transpose(0, 2, 1).reshape(100, 64)),
             ("each row lays an image's columns end to end (each image transposed); reshape(100, 64) "
              "lays its rows end to end.")),
            (lambda a: _same(a, _images()[:100].reshape(100, 64) / 16),
             "right arrangement, but you also divided by 16; keep the pixel values as they are."),
        ),
    ),
    Exercise(
        id="01.scale_pixels",
        expected=lambda: _digit() / 16,
        hint="Divide by the largest *possible* intensity, 16 (full ink), not by this image's own maximum.",
        mistakes=(
            (lambda a: _same(a, _digit() / 255),
             "255 is the maximum of photo pixels; these digit intensities go up to 16."),
            (lambda a: _same(a, _digit() / _digit().max()),
             (f"you divided by this image's largest value ({_digit().max():g}), so its darkest pixel became 1; "
             "the scale's top is 16 (full ink) - divide by 16 for every image.")),
            (_whole_numbers,
             ("every value is 0: // (integer division) or a cast to int rounds everything between 0 "
              "and 1 down to 0. Use / and keep the fractions.")),
            (lambda a: _same(a, _digit() * 16), "you multiplied by 16; dividing by 16 brings 0-16 into 0-1."),
            (lambda a: _same(a, _digit() / 17),
             "0 to 16 are 17 possible values, but the top value is 16: divide by 16 so that 16 becomes 1."),
            (lambda a: _same(a, _digit() / _digit().sum()),
             "you divided by the sum of all pixels; divide by the largest possible intensity, 16."),
            (lambda a: np.shape(a) == (64,) and _same(a, (_digit() / 16).reshape(-1)),
             "right values, but flattened: keep the 8 x 8 shape of `digit`."),
            (lambda a: any(_same(a, np.round(_digit() / 16, d)) for d in range(4)),
             "those are the right values rounded; keep them exact (digit / 16, no rounding)."),
            (lambda a: _same(a, 1 - _digit() / 16),
             "that is 1 - digit / 16, the scale turned round: blank paper (0) must stay 0 and full ink become 1."),
            (lambda a: _same(a, (_digit() > 0).astype(float)) or _same(a, np.clip(_digit(), 0, 1)),
             "every value is 0 or 1: that only says ink or no ink; dividing by 16 keeps the shades in between."),
            (lambda a: _same(a, (_digit() - _digit().mean()) / _digit().std()),
             "that standardises (mean 0, spread 1), which gives negative values; here divide by 16."),
            (lambda a: np.shape(a)[-2:] == (8, 8) and np.ndim(a) == 3 and np.shape(a)[0] > 1,
             "that scales several images; scale only `digit` (one 8 x 8 image)."),
        ),
    ),
)
