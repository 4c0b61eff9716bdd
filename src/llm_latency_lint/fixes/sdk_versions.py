"""The installed SDK's version, for fixes whose emitted code needs a newer SDK than some users have.

Read from the distribution's metadata where the linter runs: the SDK is never imported and no
user code runs. When the SDK is not installed there (an isolated pre-commit environment), nothing
is known and the fix is offered; docs/fixes.md lists the version each helper needs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import Optional, Tuple


@lru_cache(maxsize=None)
def installed_version(distribution: str) -> Optional[str]:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def _key(text: str) -> Tuple[int, ...]:
    """``"1.61.0rc1"`` -> ``(1, 61, 0)``: release numbers only, enough to compare against a minimum."""
    return tuple(int(part) for part in re.findall(r"\d+", text.split("+")[0])[:3])


@dataclass(frozen=True)
class SdkRequirement:
    distribution: str  # as pip names it: "google-genai"
    minimum: str  # "1.61"
    needs: str  # what the emitted code uses that older versions lack

    def refusal(self) -> Optional[str]:
        """Why the fix is refused here, or None (new enough, or not installed where the linter runs)."""
        installed = installed_version(self.distribution)
        if installed is None or _key(installed) >= _key(self.minimum):
            return None
        return f"the fix needs {self.distribution}>={self.minimum} ({self.needs}); {installed} is installed"
