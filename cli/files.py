"""Files a command writes: a path that cannot be written is refused before anything is read, a failed write is said."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def output_file(text: str) -> Path:
    """A file to write, for argparse: refused (exit 2, nothing read, no audit row) when its folder is missing or
    read-only, or when it names a folder."""
    path = Path(text).expanduser()
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a folder: give the name of the file to write in it")
    folder = path.parent
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"cannot write {text}: there is no folder {folder}")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise argparse.ArgumentTypeError(f"cannot write {text}: permission denied")
    return path


def output_folder(text: str) -> str:
    """A folder to write into, for argparse (`next-to-yaml` passes as it is): refused when missing or read-only."""
    if text == "next-to-yaml":
        return text
    folder = Path(text).expanduser()
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"cannot write into {text}: there is no such folder")
    if not os.access(folder, os.W_OK):
        raise argparse.ArgumentTypeError(f"cannot write into {text}: permission denied")
    return str(folder)


def write_file(path: Path, body: bytes) -> bool:
    """Write `body` to `path` and say so; on failure (a full disk, a folder removed meanwhile) say why on stderr."""
    try:
        path.write_bytes(body)
    except OSError as failed:
        print(f"could not write {path}: {failed.strerror or failed}", file=sys.stderr)
        return False
    print(f"wrote {path}")
    return True
