"""The folder a Terraform Lambda function's package was built from, when Terraform only names a zip.

``filename = "aggregator.zip"`` beside the ``.tf`` (or an ``s3_key``) is an artifact a script
builds elsewhere (``lambdas/deploy.sh`` zipping ``lambdas/aggregator/index.py``); with several
``index.py`` in the repository, ``handler = "index.handler"`` alone is ambiguous. The zip's stem names
the folder; the project pairs the function with the one folder of that name holding the handler
module (``project/classify_entries.add_packaged_handlers``).
Not ``function_name``'s words: ``"${var.project}-report-${var.env}"`` names the deployment, and a
``report/`` package of the same word is as likely another app as the function's code.
"""
from __future__ import annotations

import posixpath
import re
from typing import List

from llm_latency_lint.catalog.sources._hcl import _attr

# A handler whose package a script builds: ``<folder of the .tf>|<names of the package>|<handler>``.
PACKAGE_KEY = "terraform-package:"
_INTERPOLATION = re.compile(r"\$\{[^}]*\}")


def package_names(body: str) -> List[str]:
    """What names the folder a function's package was built from, when the zip is a build artifact
    beside the ``.tf`` or in S3 (``filename = "aggregator.zip"`` a script zips from
    ``lambdas/aggregator/``; a zip inside a code folder keeps that folder): the stem
    of its ``filename`` / ``s3_key`` zip. The project pairs the function with the one folder of
    that name holding its handler module (``add_packaged_handlers``)."""
    names: List[str] = []
    for key in ("filename", "s3_key"):
        path = (_attr(body, key) or "").replace("${path.module}/", "")
        if key == "filename" and ("/" in path or _attr(body, "source_dir") or _attr(body, "source_path")):
            return []  # a zip inside a code folder, or code named otherwise: its own folder, as before
        stem = posixpath.splitext(posixpath.basename(_INTERPOLATION.sub("", path)))[0]
        if path.endswith(".zip") and stem and not stem.startswith("."):
            names.append(stem)
    return [n for i, n in enumerate(names) if n not in names[:i] and re.fullmatch(r"[\w.-]+", n)]
