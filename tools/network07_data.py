"""Train notebook 07's explorers' networks with the plain trainer and write lecture_utils/_shipped/network07.npz.

Run after changing the moons data, MLPClassifier or the explorers' settings (lecture_utils/_network07.py):
``python tools/network07_data.py``. tests/test_network07_data.py retrains a sample and compares with the file.
"""

import sys
import time

import numpy as np

from lecture_utils import _network07


def main():
    start = time.perf_counter()
    arrays = _network07.build()
    _network07.DATA.parent.mkdir(exist_ok=True)
    np.savez_compressed(_network07.DATA, **arrays)
    print(f"wrote {_network07.DATA} ({_network07.DATA.stat().st_size / 1024:.0f} KB, "
          f"{len(arrays)} arrays) in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
