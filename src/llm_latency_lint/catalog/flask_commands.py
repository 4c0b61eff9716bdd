"""Flask's command line: ``flask [--app app] NAME`` runs the project's ``@app.cli.command`` NAME."""
from __future__ import annotations

from typing import List

_FLASK_VALUED = ("--app", "-A", "--env-file", "-e")


def flask_keys(args: List[str]) -> List[str]:
    """``flask --app app digest`` -> ``flask:digest`` (a ``@app.cli.command``; ``run``/``shell`` are
    Flask's own); ``flask user create`` also -> ``flask:user create`` (a command of an ``AppGroup``)."""
    skip = False
    words: List[str] = []
    for word in args:
        if skip:
            skip = False
        elif word in _FLASK_VALUED:
            skip = True
        elif not word.startswith("-"):
            words.append(word)
            if len(words) == 2:
                break
        elif words:  # an option of the command: no group member follows
            break
    if not words or words[0] in ("run", "shell", "routes"):
        return []
    return [f"flask:{words[0]}"] + ([f"flask:{' '.join(words)}"] if len(words) == 2 else [])
