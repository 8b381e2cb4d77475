# Berth's two commands: `make run` and `make test`. Each installs what it needs that is
# missing (quietly when everything is there), so they work on a fresh machine.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/tools/node_modules/.bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# leptos reads this at compile time; set as cargo-leptos sets it, `cargo test` builds the
# very artifacts `cargo leptos build` then reuses.
export LEPTOS_OUTPUT_NAME := berth
# CI builds once from clean: the incremental cache would only cost disk and time.
ifdef CI
export CARGO_INCREMENTAL := 0
endif
# wasm-bindgen-cli must be exactly the version the app links against.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
CARGO_LEPTOS_VERSION := 0.3.11
# `--split`: every page's code is a WASM chunk of its own (the app's lazy routes), and
# the lazy routes need it: without it their chunks' loader is missing.
LEPTOS_BUILD := cargo leptos build --split
# The build tools are installed once and run for seconds: their own release profile (LTO,
# one codegen unit) cost 24 of a fresh machine's first 50 minutes for nothing users feel.
TOOL_PROFILE := CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=64 \
	CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false

.PHONY: run release install test lint bench screens setup setup-test build-test clean

# What the release binary is built from: when none of it changed, `make run` serves at
# once instead of building the site and the server again.
SOURCES := Cargo.toml Cargo.lock $(shell find app server engine rules style public -type f \
	-not -path '*/target/*' -not -path '*/tests/*' -not -path '*/examples/*' 2>/dev/null)

## Build in release mode and serve the console on http://127.0.0.1:3000.
run: release
	./target/release/berth

## `berth` with the site inside, so it runs from any folder: the server library builds
## beside the site (cargo-leptos, the front end only), then the binary, whose own crate
## embeds the finished site (`server/src/built_in_site.rs`), in seconds.
release: setup target/release/berth

SERVER_BUILD := cargo build --release -p server --no-default-features --features ssr
target/release/berth: $(SOURCES)
	@$(SERVER_BUILD) --lib & library=$$!; \
		$(LEPTOS_BUILD) --release --frontend-only --precompress; site=$$?; \
		wait $$library && [ $$site = 0 ]
	$(SERVER_BUILD) --bin berth
	@touch $@

## Puts the self-contained `berth` in ~/.cargo/bin.
install: release
	install -D -m 755 target/release/berth $(HOME)/.cargo/bin/berth

## Every test: lint first (a style slip fails in seconds), cargo's tests, then Playwright
## in Debian's Chromium against fresh servers.
test: setup-test lint
	cargo test --workspace
	$(LEPTOS_BUILD)
	cd end2end && npx playwright test

## Formatting and clippy, for the server's build and the browser's (WASM) build.
lint: setup
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p app --features hydrate --target wasm32-unknown-unknown --target-dir target/front -- -D warnings

## Benchmarks, not part of `make test`: the engine at scale, the API under load, and
## the console in Chromium. Each prints its figures as `name=value` lines.
bench: setup-test release
	cargo run --release -p engine --example scale -- --deployments 10000 --replicas 10
	cargo run --release -p engine --example scale -- --deployments 15000 --replicas 10
	bench/api.sh
	end2end/bench/run.sh

## Pictures of every page in light and dark, written to docs/screens/ (debug build).
screens: setup-test
	$(LEPTOS_BUILD)
	cd end2end && npx playwright test -c screens/playwright.config.ts --reporter=line

setup:
	@rustup target list --installed --toolchain nightly | grep -qx wasm32-unknown-unknown \
		|| rustup target add wasm32-unknown-unknown --toolchain nightly
	@cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)" \
		|| $(TOOL_PROFILE) cargo +nightly install cargo-leptos --locked --version $(CARGO_LEPTOS_VERSION)
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" \
		|| $(TOOL_PROFILE) cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@[ -x tools/node_modules/.bin/wasm-opt ] && [ -d tools/node_modules/@xterm/addon-fit ] \
		|| (cd tools && npm ci --silent --no-audit --no-fund)
	@# xterm.js for the Terminal tab: served from the site, loaded when the tab opens.
	@mkdir -p public/vendor/xterm
	@cp -u tools/node_modules/@xterm/xterm/lib/xterm.mjs tools/node_modules/@xterm/xterm/css/xterm.css \
		tools/node_modules/@xterm/addon-fit/lib/addon-fit.mjs public/vendor/xterm/
	@# stylers writes app/target/stylers.css while the app crate builds; cargo-leptos
	@# bundles style/main.css (which imports it) at the same time, so write it first
	@# (seconds; building the app for it took 4½ minutes of a fresh `make run`).
	@cargo run --quiet -p stylers-css >/dev/null

setup-test: setup
	@[ -x /usr/bin/chromium ] || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	@[ -d end2end/node_modules/@playwright/test ] || (cd end2end && npm ci --silent --no-audit --no-fund)
	@# The official Python client, for server/tests/python_client.rs (32.x: Kubernetes 1.32).
	@tools/venv/bin/python -c 'import kubernetes' 2>/dev/null || (python3 -m venv tools/venv \
		&& tools/venv/bin/pip install --quiet --disable-pip-version-check 'kubernetes==32.0.1')

clean:
	cargo clean
	rm -rf app/target end2end/test-results
