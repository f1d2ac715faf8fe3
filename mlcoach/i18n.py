"""The language the user reads: the setting, else the environment's locale."""

from __future__ import annotations

import os
from collections.abc import Mapping

SUPPORTED = ("en", "tr")


def ui_language(setting: str, env: Mapping[str, str] | None = None) -> str:
    """Pick "en" or "tr" from the setting, then LANGUAGE / LC_ALL / LC_MESSAGES / LANG."""
    if setting in SUPPORTED:
        return setting
    env = os.environ if env is None else env
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        for part in value.split(":"):
            code = part.split("_")[0].split(".")[0].lower()
            if code in SUPPORTED:
                return code
            if code and code not in ("c", "posix"):
                return "en"
    return "en"
