"""The source line of each option of a fenced directive, as MyST reads the options block."""

from __future__ import annotations

import re
from collections.abc import Collection

from myst_parser.parsers.options import TokenizeError, options_to_tokens

#: an option's key at the start of its line: `key:` then a space or the line's end
_KEY = re.compile(r"([^\s:#'\"\[\]{},&*!|>%@`-][^\s:]*):(?:[ \t]|$)")


def option_lines(block_text: str, lineno: int, names: Collection[str]) -> dict[str, int]:
    """Source line of each option of a fenced directive whose opening line is `lineno`.

    `names` are the options MyST parsed. Keys are found by a scan of line starts, which is
    exact for every ordinary block; when it does not find exactly `names` (a quoted text that
    runs over lines, say), MyST's tokenizer, some 30x slower, settles it.
    """
    content = block_text.split("\n", 1)[1] if "\n" in block_text else ""
    lines = content.splitlines()
    if content.startswith("---"):
        start, block = lineno + 2, []
        for line in lines[1:]:
            if line.startswith("---"):
                break
            block.append(line)
    else:
        start, block = lineno + 1, []
        for line in lines:
            stripped = line.lstrip()
            if not stripped.startswith(":") or stripped.startswith(":::"):
                break
            block.append(stripped[1:])
    found = scanned_keys(block, start)
    return found if found.keys() == set(names) else tokenized_keys(block, start)


def scanned_keys(block: list[str], start: int) -> dict[str, int]:
    found = {}
    for offset, line in enumerate(block):
        key = _KEY.match(line)
        if key:
            found[key.group(1)] = start + offset
    return found


def tokenized_keys(block: list[str], start: int) -> dict[str, int]:
    try:
        tokens, _ = options_to_tokens("\n".join(block))
    except TokenizeError:
        return {}
    return {key.value: start + key.start.line for key, _ in tokens}
