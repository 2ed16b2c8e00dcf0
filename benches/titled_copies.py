#!/usr/bin/env python3
"""Make a bigger site from a corpus: N copies of it, each article with its own title.

Usage: benches/titled_copies.py CORPUS DEST N

Copy k (1..N) goes to DEST/copyk. In each Markdown file (.md, .markdown, .mdx) the front
matter title (YAML `title:` or TOML `title =`) and the first H1 get " (copy k)" at the end, so
the copies are a site of N times the articles, not N times the same pages (which would make
every page a duplicate of N-1 others). Every other file (images, configs) is hard-linked.
"""

import os
import re
import sys

MARKDOWN = (".md", ".markdown", ".mdx")
YAML_TITLE = re.compile(r"^(title:[ \t]*)(.*?)([ \t\r]*)$")
TOML_TITLE = re.compile(r"^(title[ \t]*=[ \t]*)(.*?)([ \t\r]*)$")
H1 = re.compile(r"^(#[ \t]+)(.*?)([ \t#\r]*)$")


def retitle(value: str, tag: str) -> str:
    """A title with the tag inside its quotes, if it has any."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return f"{value[:-1]}{tag}{value[-1]}"
    return value + tag if value else value


def retitled(text: str, tag: str) -> str:
    lines = text.split("\n")
    fence = lines[0].strip() if lines else ""
    start = 0
    if fence in ("---", "+++"):
        pattern = YAML_TITLE if fence == "---" else TOML_TITLE
        for i in range(1, len(lines)):
            if lines[i].strip() == fence:
                start = i + 1
                break
            m = pattern.match(lines[i])
            if m:
                lines[i] = m.group(1) + retitle(m.group(2), tag) + m.group(3)
    in_code = False
    for i in range(start, len(lines)):
        stripped = lines[i].lstrip()
        if stripped.startswith("```") or stripped.startswith("~~~"):
            in_code = not in_code
            continue
        m = None if in_code else H1.match(lines[i])
        if m and m.group(2):
            lines[i] = m.group(1) + m.group(2) + tag + m.group(3)
            break
    return "\n".join(lines)


def main() -> None:
    corpus, dest, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for k in range(1, n + 1):
        tag = f" (copy {k})"
        root = os.path.join(dest, f"copy{k}")
        for folder, _, files in os.walk(corpus):
            out = os.path.join(root, os.path.relpath(folder, corpus))
            os.makedirs(out, exist_ok=True)
            for name in files:
                src, dst = os.path.join(folder, name), os.path.join(out, name)
                if not name.endswith(MARKDOWN):
                    os.link(src, dst)
                    continue
                with open(src, "rb") as f:
                    data = f.read()
                try:
                    data = retitled(data.decode("utf-8"), tag).encode("utf-8")
                except UnicodeDecodeError:
                    pass
                with open(dst, "wb") as f:
                    f.write(data)


if __name__ == "__main__":
    main()
