#!/bin/sh
# Trunk post-build hook: writes this build's hashed file names into <costshare-guide>'s loader,
# so hosts load one stable address (costshare-guide.js) and every other file stays cacheable.
set -eu
dir="${TRUNK_STAGING_DIR:?run by trunk}"
cd "$dir"
glue=$(ls costshare-web-*.js | grep -v '_bg' | head -n 1)
wasm=$(ls costshare-web-*_bg.wasm | head -n 1)
css=$(ls main-*.css | head -n 1)
sed -i "s|__COSTSHARE_GLUE__|./$glue|; s|__COSTSHARE_WASM__|./$wasm|; s|__COSTSHARE_CSS__|./$css|" costshare-guide.js
# The glue, minified for release builds (its integrity hash in index.html follows).
node "${TRUNK_SOURCE_DIR:-.}/web/embed/minify-glue.mjs"
# The starting page's snapshot in index.html, for release builds (web/embed/snapshot.mjs).
node "${TRUNK_SOURCE_DIR:-.}/web/embed/snapshot.mjs"
