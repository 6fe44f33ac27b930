#!/usr/bin/python3
"""An independent peer for interop tests: PyJWT (Debian's python3-jwt), used as the recipe uses it.

Reads one JSON list of requests on stdin and writes one JSON list of results:
  {"op": "sign",   "payload": {...}, "key": "...", "alg": "HS256", "headers": {...}}  -> {"token": "..."}
  {"op": "verify", "token": "...",   "key": "...", "alg": "HS256"}                   -> {"payload": {...}} or {"error": "Token has expired."}
  {"op": "verify", ..., "recipe": true, "issuer"?, "audience"?, "leeway"?}       -> the same, checked as verify_jwt checks (aud too)
Errors are reported the way the recipe's view does: "Token has expired." / "Token is invalid.".
"""
import json
import sys

import jwt

results = []
for req in json.load(sys.stdin):
    try:
        if req["op"] == "sign":
            results.append({"token": jwt.encode(req["payload"], req["key"], algorithm=req["alg"], headers=req.get("headers"))})
        elif req.get("recipe"):
            # As the recipe's verify_jwt calls it: every claim check on, issuer/audience/leeway only when given.
            payload = jwt.decode(req["token"], req["key"], algorithms=[req["alg"]], issuer=req.get("issuer"), audience=req.get("audience"), leeway=req.get("leeway", 0))
            results.append({"payload": payload})
        else:
            payload = jwt.decode(req["token"], req["key"], algorithms=[req["alg"]], options={"verify_aud": False})
            results.append({"payload": payload})
    except jwt.ExpiredSignatureError:
        results.append({"error": "Token has expired."})
    except jwt.InvalidTokenError as e:
        results.append({"error": "Token is invalid.", "why": type(e).__name__})
json.dump({"version": jwt.__version__, "results": results}, sys.stdout)
