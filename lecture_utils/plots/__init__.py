"""Pure drawing functions: data and a matplotlib ``Axes`` in, artists drawn and returned.

Nothing here creates a pyplot figure or shows anything; one module per topic.
"""

from .style import BACKGROUND, CMAP, CYCLE, PALETTE, STYLE, message, new_figure, style_axes
from .tensors import *  # noqa: F401,F403
from .matrices import *  # noqa: F401,F403
from .norms import *  # noqa: F401,F403
from .graph import *  # noqa: F401,F403
from .calculus import *  # noqa: F401,F403
from .optim import *  # noqa: F401,F403
from .logistic import *  # noqa: F401,F403
from .neuron import *  # noqa: F401,F403
from .network import *  # noqa: F401,F403
