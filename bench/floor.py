#!/usr/bin/env python3
"""The floor a build from nothing is measured against: a plain writer of as many files and bytes.

    floor.py TREE FILES BYTES

Makes TREE and 200 folders in it, then writes FILES files of equal size (BYTES in all)
round-robin into those folders from two processes (as many as the machine's cores that
the benchmark assumes), and nothing else: no rendering, no reading. TREE must not exist.
bench/run.py times it right after deleting its previous tree, as it times a build right
after deleting the previous site.
"""
import os
import sys
from concurrent.futures import ProcessPoolExecutor

FOLDERS = 200
WRITERS = 2


def write(tree, first, files, size):
    """Writes files first, first + WRITERS, … of the tree."""
    data = b"x" * size
    for i in range(first, files, WRITERS):
        with open(os.path.join(tree, f"d{i % FOLDERS}", f"f{i}.html"), "wb") as f:
            f.write(data)


def main():
    if len(sys.argv) != 4:
        print("usage: floor.py TREE FILES BYTES", file=sys.stderr)
        sys.exit(2)
    tree, files, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(tree)
    for j in range(FOLDERS):
        os.mkdir(os.path.join(tree, f"d{j}"))
    size = total // max(files, 1)
    with ProcessPoolExecutor(WRITERS) as pool:
        list(pool.map(write, [tree] * WRITERS, range(WRITERS), [files] * WRITERS, [size] * WRITERS))


if __name__ == "__main__":
    main()
