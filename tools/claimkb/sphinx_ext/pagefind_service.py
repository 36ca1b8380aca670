"""Pagefind's indexer, driven through its service mode, in the order we give it documents.

The `pagefind` binary (from the `pagefind-bin` package, pinned) has a service mode that the
`pagefind` Python package talks to; that package reads each answer after a 0.1 s sleep, so
indexing 5,000 records with it takes eight minutes. This client speaks the same protocol
(requests and answers as base64 JSON, each followed by a comma) but writes every request before
reading the answers, from a thread, so the pipe never fills. Documents are indexed in the order
given, which fixes Pagefind's page numbers: the same documents give the same index (see
`pagefind_output` for what Pagefind 1.5.2 still orders at random).
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from pagefind_bin import get_executable

#: how long Pagefind may take to exit once it has answered everything
EXIT_SECONDS = 120


class PagefindError(RuntimeError):
    """Pagefind refused a document or could not write the index."""


def index_files(documents: Iterable[tuple[str, str]], config: dict) -> dict[str, bytes]:
    """Index `(url, html)` documents with `config` (Pagefind's service options): the bundle's
    files, by path inside the bundle (`/`-separated).

    The files are asked for (`GetFiles`) and kept in memory, not written by Pagefind: Pagefind
    1.5.2 may exit before the files it writes itself are complete (fixed after the release,
    Pagefind/pagefind#1272), and the build writes only those that changed (`search_index`)."""
    requests: list[dict[str, object]] = [{"type": "NewIndex", "config": config}]
    for url, html in documents:
        requests.append({"type": "AddFile", "index_id": 0, "url": url, "file_contents": html})
    requests.append({"type": "GetFiles", "index_id": 0})
    answers = _exchange(requests)
    errors = [a for a in answers if a.get("type") == "Error"]
    if errors:
        raise PagefindError(errors[0].get("message") or "Pagefind failed")
    files = answers[-1].get("files")
    if answers[-1].get("type") != "GetFiles" or not isinstance(files, list):
        raise PagefindError("Pagefind gave no files")
    bundle: dict[str, bytes] = {}
    for file in files:
        path = PurePosixPath(file["path"])
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise PagefindError(f"Pagefind named a file outside the bundle: {file['path']}")
        bundle[path.as_posix()] = base64.b64decode(file["content"])
    return bundle


def _exchange(requests: list[dict[str, object]]) -> list[dict]:
    process = subprocess.Popen(
        [str(get_executable()), "--service"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdin is not None and process.stdout is not None
    writer = threading.Thread(target=_write, args=(process.stdin, requests), daemon=True)
    writer.start()
    answers: dict[int, dict] = {}
    try:
        for message in _messages(process.stdout):
            if message.get("message_id") is not None:
                answers[message["message_id"]] = message.get("payload") or {}
            if len(answers) == len(requests):
                break
    finally:
        writer.join()
        process.stdin.close()  # the end of its input: Pagefind exits
        try:
            process.wait(timeout=EXIT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if len(answers) < len(requests):
        raise PagefindError(f"Pagefind answered {len(answers)} of {len(requests)} requests")
    return [answers[number] for number in sorted(answers)]


def _write(stream, requests: list[dict[str, object]]) -> None:
    try:
        for number, payload in enumerate(requests, start=1):
            message = json.dumps({"message_id": number, "payload": payload}).encode("utf-8")
            stream.write(base64.b64encode(message) + b",")
        stream.flush()
    except BrokenPipeError:  # Pagefind stopped: the reader says so
        pass


def _messages(stream) -> Iterator[dict]:
    """The answers, one at a time: base64 JSON up to each comma, until the output ends."""
    buffer = b""
    while True:
        head, comma, rest = buffer.partition(b",")
        if comma:
            buffer = rest
            if head.strip():
                yield json.loads(base64.b64decode(head))
            continue
        more = stream.read1(1 << 16)
        if not more:
            return
        buffer += more
