"""A client library for accessing SocialEcho API"""

# Generated from templates/package_init.py.jinja: the hand-written runtime (subpackage _runtime,
# copied from runtime/ by scripts/pipeline.py) provides the public client; the generated low-level
# clients stay available for direct use.
from ._runtime import *
from ._runtime import __all__ as _runtime_all
from .client import AuthenticatedClient, Client

__all__ = ["AuthenticatedClient", "Client", *_runtime_all]
