"""Text reports of every result, registered with :func:`bargainlab.core.result.renders`.

Importing this package imports every report module, so that ``str(result)`` finds its renderer
(``bargainlab.core.result.render_text`` loads this package on first use). No model logic here.
"""

from bargainlab.report import (  # noqa: F401  (each module registers its renderers on import)
    bilateral,
    classics,
    exact,
    mechanism_tables,
    one_sided,
    sequential,
    sequential_rationality,
    sweep,
    transparency,
    two_sided,
    two_sided_sweep,
)
