"""Image names in ``_images/`` that do not depend on the order pages were read.

Sphinx names two images called ``1.png`` ``1.png`` and ``11.png`` in the order
it reads their pages, so a parallel or incremental build names them the other
way round from a clean one. After reading, daybook names every image by
:func:`..model.urls.image_file_names` and re-writes the pages whose images
were renamed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model.urls import image_file_names
from ..upstream import image_paths, rename_copied_images

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def name_images_by_path(app: Sphinx, env: BuildEnvironment) -> list[str]:
    return sorted(rename_copied_images(env, image_file_names(image_paths(env))))
