"""Old import path of :mod:`argmap.validation`, kept so that existing code keeps working.

``argmap.validate`` is the function :func:`argmap.validate`; importing this module does not
change that.
"""

from argmap.validation import check, validate
from argmap.workspace import find_vocabulary

__all__ = ["check", "find_vocabulary", "validate"]
