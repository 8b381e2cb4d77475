# Berth's two commands: `make run` and `make test`. Each installs what it needs that is
# missing (quietly when everything is there), so they work on a fresh machine.

SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/tools/node_modules/.bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# leptos reads this at compile time; set for every build, `cargo test` builds the very
# artifacts the site's and `make watch`'s builds then reuse.
export LEPTOS_OUTPUT_NAME := berth
# CI builds once from clean: the incremental cache would only cost disk and time.
ifdef CI
export CARGO_INCREMENTAL := 0
endif
# wasm-bindgen-cli must be exactly the version the app links against.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)
# Only `make watch` uses cargo-leptos: building it took 10½ of a fresh `make run`'s minutes.
CARGO_LEPTOS_VERSION := 0.3.11
# The build tools are installed once and run for seconds: their own release profile (LTO,
# one codegen unit) cost 24 of a fresh machine's first 50 minutes for nothing users feel.
TOOL_PROFILE := CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=64 \
	CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false

# The browser's WASM, built as cargo-leptos' front build does (same flags, same folder,
# so `make watch` reuses it): relocations kept, so that it can be split into every
# lazy page's chunk (the app's `#[lazy]` routes).
WASM_BUILD := RUSTFLAGS='--cfg erase_components -Clink-args=--emit-relocs' cargo build -p app \
	--lib --target wasm32-unknown-unknown --no-default-features --features hydrate \
	--target-dir target/front --profile wasm-release
# tools/assemble-site, in a target folder of its own so that it builds beside the server.
ASSEMBLE_SITE := cargo run -q -p assemble-site --target-dir target/tools --

# The site (target/site): the WASM built for size, split, bound, optimised and
# precompressed. `make run`, `make release` and the browser tests all serve this one.
SITE := target/site/pkg/berth.wasm
SITE_SOURCES := Cargo.toml Cargo.lock $(shell find app rules style public tools/assemble-site \
	-type f -not -path '*/target/*' -not -path '*/tests/*' 2>/dev/null)
# The server of `make run` and the browser tests: the dev profile, whose compiled
# dependencies `cargo test` shares.
SERVER := cargo build -p server --no-default-features --features ssr --bin berth
# What the release binary is built from.
SOURCES := $(SITE_SOURCES) $(shell find server engine -type f \
	-not -path '*/tests/*' -not -path '*/examples/*' 2>/dev/null)

.PHONY: run release install test conformance lint bench screens watch setup setup-test site-tools clean

## Build and serve the console on http://127.0.0.1:3000: the server (dev profile, as
## the tests build it) beside the site (built for size), then it serves; with nothing
## changed, it serves at once.
run: setup
	@$(SERVER) & server=$$!; \
		$(MAKE) --no-print-directory $(SITE); site=$$?; \
		wait $$server && [ $$site = 0 ]
	LEPTOS_ENV=PROD ./target/debug/berth

$(SITE): $(SITE_SOURCES)
	@$(WASM_BUILD) & wasm=$$!; \
		$(MAKE) --no-print-directory site-tools; tools=$$?; \
		wait $$wasm && [ $$tools = 0 ]
	$(ASSEMBLE_SITE) --release --precompress target/front/wasm32-unknown-unknown/wasm-release/app.wasm

## What assembles the site: wasm-bindgen-cli (exactly the version the app links against)
## and tools/assemble-site.
site-tools:
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" \
		|| $(TOOL_PROFILE) cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	cargo build -q -p assemble-site --target-dir target/tools

## `berth` with the site inside, so it runs from any folder, fully optimised: the server
## library builds beside the site, then the binary, whose own crate embeds the finished
## site (`server/src/built_in_site.rs`), in seconds.
release: setup target/release/berth

RELEASE_BUILD := cargo build --release -p server --no-default-features --features ssr
target/release/berth: $(SOURCES)
	@$(RELEASE_BUILD) --lib & library=$$!; \
		$(MAKE) --no-print-directory $(SITE); site=$$?; \
		wait $$library && [ $$site = 0 ]
	$(RELEASE_BUILD) --bin berth
	@touch $@

## Puts the self-contained `berth` in ~/.cargo/bin.
install: release
	install -D -m 755 target/release/berth $(HOME)/.cargo/bin/berth

## Every test: lint first (a style slip fails in seconds), cargo's tests, a quick subset
## of kr8s' suite, then Playwright in Debian's Chromium against fresh servers
## (target/debug/berth and the site).
test: setup-test lint
	cargo test --workspace
	$(MAKE) --no-print-directory $(SITE)
	$(SERVER)
	conformance/against-berth.sh --quick
	cd end2end && npx playwright test

## kr8s' own test suite, whole, against a fresh Berth (minutes; `make test` runs the
## subset in conformance/quick.txt).
conformance: setup-test
	$(SERVER)
	conformance/against-berth.sh

## The development loop: cargo-leptos (installed the first time) rebuilds and reloads
## the page on every saved change, serving a debug build from target/site-watch.
watch: setup
	@cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)" \
		|| $(TOOL_PROFILE) cargo +nightly install cargo-leptos --locked --version $(CARGO_LEPTOS_VERSION)
	@# The app's build script writes the scoped styles the stylesheet imports.
	$(SERVER)
	cargo leptos watch --split

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
	bench/pending-storm.sh
	bench/soak.sh
	end2end/bench/run.sh

## Pictures of every page in light and dark, written to docs/screens/.
screens: setup-test $(SITE)
	$(SERVER)
	cd end2end && npx playwright test -c screens/playwright.config.ts --reporter=line

setup:
	@rustup target list --installed --toolchain nightly | grep -qx wasm32-unknown-unknown \
		|| rustup target add wasm32-unknown-unknown --toolchain nightly
	@[ -x tools/node_modules/.bin/cleancss ] && [ -d tools/node_modules/@xterm/addon-fit ] \
		|| (cd tools && npm ci --silent --no-audit --no-fund)
	@# xterm.js for the Terminal tab: served from the site, loaded when the tab opens.
	@mkdir -p public/vendor/xterm
	@cp -u tools/node_modules/@xterm/xterm/lib/xterm.mjs tools/node_modules/@xterm/xterm/css/xterm.css \
		tools/node_modules/@xterm/addon-fit/lib/addon-fit.mjs public/vendor/xterm/

setup-test: setup
	@[ -x /usr/bin/chromium ] || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	@# conformance/pki.sh makes the kind-like cluster's certificates with openssl.
	@command -v openssl >/dev/null || (apt-get update -qq && apt-get install -y -qq openssl >/dev/null)
	@[ -d end2end/node_modules/@playwright/test ] || (cd end2end && npm ci --silent --no-audit --no-fund)
	@# The official Python client, for server/tests/python_client.rs (32.x: Kubernetes 1.32),
	@# and kr8s with what its own test suite runs on, for conformance/ (httpx-ws 0.7: from
	@# 0.8 on it wraps kr8s' ExecError in an ExceptionGroup, which the suite doesn't expect;
	@# the other clients are those its conversion tests convert to).
	@tools/venv/bin/python -c 'import kubernetes, kr8s, pytest_timeout, pytest_asyncio, trio, httpx_ws, lightkube, kubernetes_asyncio, pykube, kubernetes_validate' \
		2>/dev/null || (python3 -m venv tools/venv && tools/venv/bin/pip install --quiet \
		--disable-pip-version-check 'kubernetes==32.0.1' 'kr8s==0.20.15' 'pytest==9.2.0' \
		'pytest-asyncio==1.5.0' 'pytest-timeout==2.4.0' 'trio==0.35.0' 'httpx-ws==0.7.2' \
		'lightkube==1.0.1' 'kubernetes_asyncio==36.1.0' 'pykube-ng==23.6.0' 'kubernetes-validate==1.37.0')

clean:
	cargo clean
	rm -rf app/target end2end/test-results
