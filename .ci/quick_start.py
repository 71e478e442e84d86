"""Print the two command lines of the README's Quick start block, one per line."""

from __future__ import annotations

import re
import sys
from pathlib import Path


def quick_start_commands(readme: str) -> list[str]:
    match = re.search(r"^#+\s*Quick start\s*$\n+```sh\n(.*?)^```", readme, re.M | re.S)
    if match is None:
        raise SystemExit("README.md has no '## Quick start' heading followed by a ```sh block")
    lines = [line for line in match.group(1).splitlines() if line.strip()]
    if len(lines) != 2:
        raise SystemExit(f"the Quick start block must hold exactly two commands, not {len(lines)}")
    return lines


if __name__ == "__main__":
    for command in quick_start_commands(Path(sys.argv[1]).read_text(encoding="utf-8")):
        print(command)
