# What the API benchmarks share (sourced): `serve_berth EXAMPLE DEMO` builds the release
# `berth` and the load example EXAMPLE (server/examples/), then serves on a free
# loopback port with the demo data when DEMO is 1, nobody signing in; it sets `port`
# and stops the server when the script exits.

serve_berth() {
	local example=$1 demo=$2
	# Always through cargo: a `berth` left from an older build would measure old code.
	# leptos reads LEPTOS_OUTPUT_NAME at compile time, and the features are `make
	# release`'s: these builds reuse its server instead of building another (one without
	# its pages, in its place).
	export LEPTOS_OUTPUT_NAME=berth
	cargo build --release --quiet -p server --no-default-features --features ssr --bin berth
	cargo build --release --quiet -p server --no-default-features --features ssr --example "$example"

	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	# The load is about the API, not sign-in: nobody signs in (loopback only).
	LEPTOS_SITE_ADDR="127.0.0.1:$port" BERTH_DEMO=$demo BERTH_AUTH=none RUST_LOG=warn target/release/berth &
	server=$!
	trap 'kill "$server" 2>/dev/null || true' EXIT

	for _ in $(seq 100); do
		curl -sf "http://127.0.0.1:$port/version" >/dev/null && break
		sleep 0.1
	done
}
