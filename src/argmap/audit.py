"""Old import path of :mod:`argmap.coverage`, kept so that existing code keeps working.

``argmap.audit`` is the function :func:`argmap.audit`; importing this module does not change
that.
"""

from argmap.coverage import Audit, CueHit, Passage, audit

__all__ = ["Audit", "CueHit", "Passage", "audit"]
