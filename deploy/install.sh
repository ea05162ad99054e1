#!/bin/sh
# The install steps of the image, kept in one place so a test can run them without Docker.
#   deploy/install.sh deps VENV LOCK   a fresh venv with the exact, hash-checked versions of LOCK
#   deploy/install.sh app VENV SRC     the bot itself on top, from its source folder SRC
# Two steps so the image rebuilds the dependency layer only when the lock changes.
set -eu
step=$1 venv=$2 from=$3
export PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
case $step in
    deps)
        python3 -m venv "$venv"
        # Every line of the lock carries hashes, so pip refuses anything that does not match.
        "$venv/bin/pip" install -q --require-hashes -r "$from"
        ;;
    app)
        # --no-deps: everything comes from the lock above. A plain install: the package
        # carries its texts and migrations, so SRC is not needed once it is installed.
        "$venv/bin/pip" install -q --no-deps "$from"
        "$venv/bin/python" -c "import bot, handlers"
        test -x "$venv/bin/opora"
        ;;
    *)
        echo "usage: $0 deps VENV LOCK | app VENV SRC" >&2
        exit 64
        ;;
esac
