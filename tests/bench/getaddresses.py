#!/usr/bin/env python3
"""The baseline a team would write: read exported fields (tab-separated, one
row a line, \\N for NULL), parse each with email.utils.getaddresses, dedupe
lower-cased addresses in a set, print the count."""
import sys
from email.utils import getaddresses

seen = set()
for line in sys.stdin:
    for field in line.rstrip("\n").split("\t"):
        if field in ("", "\\N", "NULL"):
            continue
        for _name, addr in getaddresses([field]):
            if "@" in addr:
                seen.add(addr.lower())
print(len(seen))
