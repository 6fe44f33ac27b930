"""Reads a JSON list of .env texts on stdin; prints python-dotenv's dotenv_values() of each, read from a file as
load_dotenv() reads it (text mode: UTF-8, universal newlines). Run with an empty environment so that interpolation
sees only the file."""
import json
import os
import sys
import tempfile

from dotenv import dotenv_values

texts = json.load(sys.stdin)
out = []
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, ".env")
    for text in texts:
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        out.append(dotenv_values(path))
json.dump(out, sys.stdout)
