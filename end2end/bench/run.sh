#!/usr/bin/env bash
# The console's benchmark (`make bench`): a cold open and a warm reload of the
# Deployments list on a 10 Mbit/s, 40 ms link (cold-open.bench.ts); how soon a deleted pod's replacement shows in
# a second open page, and the longest main-thread task while 20,000 pods load and when a
# page opens on them. Needs the release build (`make release`). Prints:
#   first_load_kb=.. first_interactive_ms=.. warm_reload_kb=.. warm_ms=..
#   main_wasm_kb=.. page_chunks_kb_<page>=.. (Brotli: the code every page needs, each page's own)
#   delete_to_row_ms p50=.. p99=..
#   longtask_max_ms=.. (the list's work; the page's own start is printed apart)
set -euo pipefail
cd "$(dirname "$0")/.."
npx playwright test -c bench/playwright.config.ts --reporter=line
