#!/usr/bin/env bash
# Checks that every relative link of the repository's Markdown files points to a file or folder
# that exists, and, when it names a heading (`file.md#heading` or `#heading`), that the Markdown
# file has that heading (GitHub's anchors). Links to web addresses are not followed. Run by
# `make test`, so that moving a section or a file without fixing its links fails the tests.
# Usage: scripts/check-links.sh [REPOSITORY]   (default: the repository this script is in)
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
exec python3 - <<'PYTHON'
import os, re, sys
from urllib.parse import unquote

SKIP = re.compile(r"^(\.git|\.build.*|\.venv.*|data|node_modules)$")
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^\s*(```|~~~)")

def markdown_files():
    for folder, subfolders, files in os.walk("."):
        subfolders[:] = sorted(d for d in subfolders if not SKIP.match(d))
        for name in sorted(files):
            if name.endswith(".md"):
                yield os.path.normpath(os.path.join(folder, name))

def lines_outside_code(path):
    """(line number, text) of the lines outside fenced code blocks, with inline code removed."""
    fenced = False
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if FENCE.match(line):
                fenced = not fenced
                continue
            if not fenced:
                yield number, re.sub(r"`[^`]*`", "``", line)

def slug(heading):
    """GitHub's anchor for a heading: its text, lower-cased, without punctuation, spaces as hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)      # a link keeps its text
    text = text.replace("`", "").strip().lower()
    text = "".join(c for c in text if c.isalnum() or c in " -_")
    return text.replace(" ", "-")

anchor_cache = {}
def anchors(path):
    if path not in anchor_cache:
        found, seen = set(), {}
        fenced = False
        with open(path, encoding="utf-8") as f:
            for line in f:
                if FENCE.match(line):
                    fenced = not fenced
                elif not fenced and re.match(r"^#{1,6}\s", line):
                    base = slug(line.lstrip("#").strip().rstrip("#").strip())
                    count = seen.get(base, 0)
                    seen[base] = count + 1
                    found.add(base if count == 0 else f"{base}-{count}")
        anchor_cache[path] = found
    return anchor_cache[path]

problems = []
checked = 0
for path in markdown_files():
    for number, line in lines_outside_code(path):
        for target in LINK.findall(line):
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):   # https:, mailto:, …
                continue
            checked += 1
            file_part, _, anchor = target.partition("#")
            file_part = unquote(file_part)
            if file_part.startswith("/"):
                destination = os.path.normpath(file_part.lstrip("/"))
            else:
                destination = os.path.normpath(os.path.join(os.path.dirname(path), file_part)) if file_part else path
            if not os.path.exists(destination):
                problems.append(f"{path}:{number}: the link to '{target}' points to {destination}, which does not exist.")
            elif anchor and destination.endswith(".md") and os.path.isfile(destination) \
                    and unquote(anchor).lower() not in anchors(destination):
                problems.append(f"{path}:{number}: the link to '{target}' names the heading '#{anchor}', "
                                f"which {destination} does not have.")

for problem in problems:
    print(problem, file=sys.stderr)
if problems:
    print(f"check-links: {len(problems)} of {checked} relative links in Markdown files are broken; fix them or the "
          "files they point to.", file=sys.stderr)
    sys.exit(1)
print(f"check-links: all {checked} relative links in Markdown files point to existing files and headings.")
PYTHON
