"""Hand-written runtime of socialecho_client (retries, rate limiting, pagination, typed errors).

This directory is the source of truth; scripts/pipeline.py copies it into the generated package as
``socialecho_client._runtime``. Never edit the copy under generated/.
"""

__all__: list[str] = []
