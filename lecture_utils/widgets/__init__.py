"""The explorers: interactive widgets, one module per topic, all built on :class:`Explorer`."""

from .base import Explorer
from .intro import *  # noqa: F401,F403
from .tensors import *  # noqa: F401,F403
from .matrices import *  # noqa: F401,F403
from .norms import *  # noqa: F401,F403
from .secant import *  # noqa: F401,F403
from .backprop import *  # noqa: F401,F403
from .optim import *  # noqa: F401,F403
from .logistic import *  # noqa: F401,F403
from .network import *  # noqa: F401,F403
