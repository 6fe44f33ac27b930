#!/usr/bin/python3
"""An independent JWE peer for interop tests: jwcrypto (Debian's python3-jwcrypto), used with its defaults.

Reads one JSON list of requests on stdin and writes one JSON list of results:
  {"op": "encrypt", "plaintext": "...", "key": {JWK}, "header": {"alg": ..., "enc": ..., ...}} -> {"token": "..."}
  {"op": "decrypt", "token": "...", "key": {JWK}}                                            -> {"plaintext": "...", "header": {...}}
  {"op": "decrypt", ..., "algs": [...]}  allowed algorithms instead of jwcrypto's default list
Any failure is {"error": "ExceptionName: message"}.
"""
import json
import sys
from importlib.metadata import version

from jwcrypto import jwe, jwk

results = []
for req in json.load(sys.stdin):
    try:
        key = jwk.JWK(**req["key"])
        if req["op"] == "encrypt":
            token = jwe.JWE(req["plaintext"].encode(), protected=json.dumps(req["header"]))
            token.add_recipient(key)
            results.append({"token": token.serialize(compact=True)})
        else:
            token = jwe.JWE()
            if req.get("algs"):
                token.allowed_algs = req["algs"]
            token.deserialize(req["token"], key=key)
            results.append({"plaintext": token.payload.decode(), "header": json.loads(token.objects["protected"])})
    except Exception as e:  # noqa: BLE001 - every failure is a result to compare
        results.append({"error": f"{type(e).__name__}: {e}"})
json.dump({"version": version("jwcrypto"), "results": results}, sys.stdout)
