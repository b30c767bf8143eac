"""Per-class numbers of notebook 01's value exercises (``make release SEED=...``).

The data (the digits, the photo) are the notebook's; a class gets another batch size, another
digit, another channel and another number of rows, so the public answers do not carry over.
"""

from ..checks.variants import Variant, declare
from ..data import load_digits, load_grace_hopper
from ._variant_kit import pick, rebuilt

_PHOTO = (150, 128, 3)
_CHANNELS = ("red", "green", "blue")


def _images():
    return load_digits()[0]


# --- 01.batch_shape ----------------------------------------------------------------------------
def _batch_exercise(public, nums):
    n = nums["photos"]
    return rebuilt(
        public, expected=lambda: (n, *_PHOTO), hint=public.hint,
        mistakes=(
            (lambda: (*_PHOTO, n), "the batch axis comes first: (images, height, width, channels)."),
            (lambda: (n - 1, *_PHOTO), "the size of an axis is how many there are, not the last index."),
            (lambda: (n * _PHOTO[0], *_PHOTO[1:]), "stacking adds a new axis; it does not make the images taller."),
            (lambda: (10, *_PHOTO), "that is the batch of the self-study edition; this batch has another size."),
        ))


declare("01.batch_shape", Variant(
    defaults={"photos": 10},
    draw=lambda rng: {"photos": int(pick(rng, [4, 6, 12, 16, 20, 25, 32]))},
    prose=lambda n: {"You stack 10 colour photos": f"You stack {n['photos']} colour photos"},
    exercise=_batch_exercise,
))


# --- 01.flatten_image and 01.scale_pixels: another digit of `images` ----------------------------
def _flatten_exercise(public, nums):
    k = nums["index"]
    return rebuilt(
        public, expected=lambda: _images()[k].reshape(-1),
        hint=f"reshape turns images[{k}] (8, 8) into a vector of 64 entries; -1 lets numpy work the length out.",
        mistakes=(
            (lambda: _images()[0].reshape(-1), f"that is digit, images[0]; this exercise flattens images[{k}]."),
            (lambda: _images()[k].T.reshape(-1), "those are the columns laid end to end; lay the rows end to end."),
            (lambda: _images()[k].reshape(1, -1), "that is a (1, 64) matrix; the vector has shape (64,)."),
            (lambda: _images()[k].reshape(-1, 1), "that is a (64, 1) column; the vector has shape (64,)."),
        ))


def _scale_exercise(public, nums):
    k = nums["index"]
    image = _images()[k]
    return rebuilt(
        public, expected=lambda: image / 16, hint=public.hint,
        mistakes=(
            (lambda: image / image.max(), ("that divides by this image's own largest value; divide by the largest "
                                          "possible one, 16.")),
            (lambda: image / 255, "these digits use intensities 0 to 16, not 0 to 255."),
            (lambda: image / 15, "divide by the largest possible intensity, 16."),
            (lambda: _images()[0] / 16, f"that is digit, images[0]; this exercise scales images[{k}]."),
            (lambda: image // 16, "// is whole-number division; / keeps the fractions."),
        ))


def _draw_index(rng, avoid=0):
    return {"index": int(pick(rng, list(range(1, 40)), avoid=(avoid,)))}


def _max_sentence(k):
    """The end of the prompt's remark on the image's own largest value (the text wraps before 'value')."""
    top = int(_images()[k].max())
    if top != 16:
        return f"value is {top}: dividing by it would put different images on different scales.)"
    return ("value is 16, full ink, but another digit's may be less: dividing by an image's own largest value would "
            "put different images on different scales.)")


def _unless_public(n, texts):
    """``texts`` for a class's digit; each text to itself for the notebook's own (``digit``, images[0])."""
    return {text: text for text in texts} if n["index"] == 0 else texts


declare("01.flatten_image", Variant(
    defaults={"index": 0},
    draw=_draw_index,
    prose=lambda n: _unless_public(n, {
        "Turn `digit` (8 × 8)": f"Turn `images[{n['index']}]` (8 × 8)",
        "flat_digit = ...  # use digit": f"flat_digit = ...  # use images[{n['index']}]"}),
    exercise=_flatten_exercise,
))
declare("01.scale_pixels", Variant(
    defaults={"index": 0},
    draw=_draw_index,
    prose=lambda n: _unless_public(n, {
        "Scale `digit` so that": f"Scale `images[{n['index']}]` so that",
        "value is 15: dividing by it would put different images on different scales.)":
            _max_sentence(n["index"]),
        "digit_01 = ...  # use digit": f"digit_01 = ...  # use images[{n['index']}]"}),
    exercise=_scale_exercise,
))


# --- 01.red_channel: one channel of the photo --------------------------------------------------
def _channel_exercise(public, nums):
    c = nums["channel"]
    photo = load_grace_hopper()
    others = [k for k in range(3) if k != c]
    return rebuilt(
        public, expected=lambda: photo[:, :, c], hint="Index the last axis (the channel) and keep every row and column.",
        mistakes=(
            (lambda: photo[:, :, others[0]], f"that is another channel; {_CHANNELS[c]} is channel {c} (red, green, blue)."),
            (lambda: photo[:, :, others[1]], f"that is another channel; {_CHANNELS[c]} is channel {c} (red, green, blue)."),
            (lambda: photo[c], "that is a row of the photo: the channel is the last axis."),
            (lambda: photo[:, c], "that is a column of the photo: the channel is the last axis."),
        ))


def _channel_prose(n):
    name = _CHANNELS[n["channel"]]
    return {"### Exercise 3 — the red channel": f"### Exercise 3 — the {name} channel",
            "Take the red channel of `photo`": f"Take the {name} channel of `photo`",
            "red = ...  # use photo": f"{name} = ...  # use photo",
            'check("01.red_channel", red)': f'check("01.red_channel", {name})'}


declare("01.red_channel", Variant(
    defaults={"channel": 0},
    draw=lambda rng: {"channel": int(pick(rng, [1, 2]))},
    prose=_channel_prose,
    exercise=_channel_exercise,
))


# --- 01.data_matrix: the first N digits -------------------------------------------------------
def _matrix_exercise(public, nums):
    n = nums["rows"]
    return rebuilt(
        public, expected=lambda: _images()[:n].reshape(n, 64), hint=public.hint,
        mistakes=(
            (lambda: _images()[:n].reshape(64, n), "reshape keeps the order of the numbers: one row per image is (n, 64)."),
            (lambda: _images()[:n].reshape(n, 64).T, "that is the transpose: one row per image, one column per pixel."),
            (lambda: _images()[:100].reshape(100, 64), "those are the first 100 digits, the self-study edition's number."),
            (lambda: _images()[: n - 1].reshape(n - 1, 64), "slicing stops before the end index: [:n] takes n images."),
            (lambda: _images()[:n], "that is still a stack of 8 × 8 images; flatten each into a row."),
        ))


declare("01.data_matrix", Variant(
    defaults={"rows": 100},
    draw=lambda rng: {"rows": int(pick(rng, range(20, 400), avoid=(100,)))},
    prose=lambda n: {"the first 100 digits of `images`": f"the first {n['rows']} digits of `images`",
                     "X_100 = ...  # use images": f"X_{n['rows']} = ...  # use images",
                     'check("01.data_matrix", X_100)': f'check("01.data_matrix", X_{n["rows"]})'},
    exercise=_matrix_exercise,
))
