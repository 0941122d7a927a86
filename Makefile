# SENT's entry points. `make run` and `make test` are all a newcomer needs;
# each installs what is missing first.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo
# Debian packages the project needs: the database (and its server binaries).
APT_PACKAGES := postgresql postgresql-contrib
# Debian packages the desktop app needs (not `make run`): WebKitGTK to build
# it; a virtual display, the WebDriver and a session bus for its window tests.
DESKTOP_APT_PACKAGES := libwebkit2gtk-4.1-dev xvfb webkit2gtk-driver dbus-daemon
TOOLS := $(CURDIR)/.tools
CORNUCOPIA := $(TOOLS)/bin/cornucopia
CORNUCOPIA_VERSION := 1.0.1
NEXTEST := $(shell command -v cargo-nextest 2>/dev/null)

.PHONY: help deps run test test-rust test-oidc test-ts sdk-deps lint fmt gen check check-api bench clean-test-db web test-web test-e2e e2e-deps desktop-deps desktop deb test-desktop bench-desktop bench-transports

help: ## List the targets.
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

deps: ## Install missing system packages (apt) and build tools.
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  $$SUDO systemctl disable --now postgresql >/dev/null 2>&1 || true; \
	fi
	@# Node.js runs the local OpenID provider, the SDK's and the web UI's
	@# tooling; a machine without it gets Debian's.
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	  echo "installing: nodejs npm"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; \
	}

run: deps web ## Start SENT on http://127.0.0.1:8080 with an embedded PostgreSQL (or SENT_DATABASE_URL) and the local OpenID provider (or SENT_OIDC_ISSUER).
	$(CARGO) build -p sent-server
	@# Without a configured provider, the local one (Node.js) signs people in.
	SENT_DEV_PROVIDER=$${SENT_DEV_PROVIDER:-$$([ -n "$${SENT_OIDC_ISSUER:-}" ] && echo false || echo true)} \
	  exec ./target/debug/sent-server

test: deps desktop-deps lint check test-ts test-oidc test-rust test-web test-e2e test-desktop ## Everything CI checks: format, lints, generated-code drift, all tests.

lint: desktop-deps ## rustfmt check and clippy with warnings as errors.
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --all-features -- -D warnings

test-rust: ## Rust tests against a throw-away embedded cluster.
	@$(MAKE) --no-print-directory clean-test-db
ifneq ($(NEXTEST),)
	$(CARGO) nextest run --workspace --all-features --no-fail-fast
else
	$(CARGO) test --workspace --all-features --no-fail-fast
endif
	@$(MAKE) --no-print-directory clean-test-db

test-oidc: ## The local OpenID provider's own tests (Node's test runner).
	cd backend/dev-oidc && npm ci --no-audit --no-fund --loglevel=error && npm test

sdk-deps: ## Install the TypeScript SDK's packages (npm ci) when they are missing.
	@[ -d frontend/sdk/node_modules ] || { cd frontend/sdk && npm ci --no-audit --no-fund --loglevel=error; }

test-ts: sdk-deps ## The TypeScript SDK: tsc --noEmit --strict on it and on the example integrator, then its unit tests.
	cd frontend/sdk && npm run --silent typecheck && npm test --silent

web: deps sdk-deps ## Build the web UI (frontend/app/dist), which sent-server embeds and serves at /.
	cd frontend/sdk && npm run --silent build
	@# npm ci only when the lock changed since the last install.
	@cd frontend/app && if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund --loglevel=error; fi
	cd frontend/app && npm run --silent build

test-web: web ## The web UI: tsc --noEmit (app and browser tests) and its component tests (Vitest).
	cd frontend/app && npm run --silent typecheck && npm test --silent

e2e-deps: ## Install Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing: chromium"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	}

test-e2e: e2e-deps web ## The web UI in Chromium against its own `make run` stack (free ports, own data dir); screenshots in target/e2e-screenshots/.
	$(CARGO) build -p sent-server
	cd frontend/app && npm run --silent e2e

desktop-deps: ## Install the desktop app's system packages (WebKitGTK; Xvfb, WebKitWebDriver and D-Bus for its tests).
	@missing=""; for p in $(DESKTOP_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

desktop: deps desktop-deps web ## Build the desktop app (target/debug/sent-app) with the web UI embedded.
	$(CARGO) build -p sent-app

deb: deps desktop-deps web ## Build the desktop app's Debian package (target/release/bundle/deb/) with the Tauri command line.
	@cd backend/desktop && if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
	  npm ci --no-audit --no-fund --loglevel=error; fi
	cd backend/desktop && npx --no-install tauri build --bundles deb
	@ls -1 target/release/bundle/deb/*.deb

test-desktop: deps desktop-deps web ## The desktop app end to end in a real window (Xvfb, WebKitWebDriver); screenshot in target/desktop-screenshots/.
	$(CARGO) test -p sent-app --test desktop -- --ignored --skip desktop_benchmarks

bench-desktop: deps desktop-deps web ## Desktop measurements (release build): IPC vs HTTP round trip from the webview, cold start to first paint.
	$(CARGO) test --release -p sent-app --test desktop -- --ignored --exact desktop_benchmarks --nocapture

bench-transports: deps ## tarpc against JSON-RPC over HTTP for the no-database method, same concurrency, one process; see docs/benchmarks.md.
	$(CARGO) test --release -p sent-server --all-features --test transport_bench -- --ignored --nocapture

clean-test-db: ## Stop and remove the tests' cluster.
	@dir=target/sent-test-pg; if [ -f $$dir/postmaster.pid ]; then \
	  if [ "$$(id -u)" = 0 ]; then runuser -u postgres -- $$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl stop -D $(CURDIR)/$$dir -m immediate >/dev/null 2>&1 || true; \
	  else $$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl stop -D $(CURDIR)/$$dir -m immediate >/dev/null 2>&1 || true; fi; \
	fi; rm -rf $$dir $$dir.credentials.json $$dir.log $$dir.lock

gen: deps $(CORNUCOPIA) ## Regenerate the generated code (queries crate, OpenRPC document, TypeScript SDK).
	CORNUCOPIA=$(CORNUCOPIA) $(CARGO) run -q -p sent-gen -- queries
	$(CARGO) run -q -p sent-gen -- openrpc
	$(CARGO) run -q -p sent-gen -- sdk

check: deps $(CORNUCOPIA) ## Fail if regenerating would change any checked-in generated file.
	CORNUCOPIA=$(CORNUCOPIA) $(CARGO) run -q -p sent-gen -- --check queries
	$(CARGO) run -q -p sent-gen -- --check openrpc
	$(CARGO) run -q -p sent-gen -- --check sdk
	@$(MAKE) --no-print-directory check-api

check-api: ## Fail on a wire-breaking change since the released OpenRPC document (frontend/sdk/openrpc.released.json).
	$(CARGO) run -q -p sent-gen -- check-api

# The benchmarks' own throw-away cluster (never .data/pg, never the tests').
BENCH_PG := $(CURDIR)/target/bench-pg
# Extra flags for sent-bench, e.g. BENCH_ARGS="--seconds 4 --skip-fixture".
BENCH_ARGS ?=

bench: deps sdk-deps ## Throughput against baselines (bare axum, pgbench) and the 500-method fixture (its build, memory, TypeScript SDK); see docs/benchmarks.md.
	@command -v wrk >/dev/null 2>&1 || { \
	  echo "installing: wrk"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null; \
	}
	$(CARGO) build --release -p sent-bench
	@stop_cluster() { \
	  dir=$(BENCH_PG); pg_ctl=$$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl; \
	  if [ -f $$dir/postmaster.pid ]; then \
	    if [ "$$(id -u)" = 0 ]; then runuser -u postgres -- $$pg_ctl stop -D $$dir -m fast >/dev/null 2>&1 || true; \
	    else $$pg_ctl stop -D $$dir -m fast >/dev/null 2>&1 || true; fi; \
	  fi; rm -rf $$dir $$dir.credentials.json $$dir.log $$dir.lock; \
	}; \
	stop_cluster; trap stop_cluster EXIT; \
	SENT_TEST_PG_DIR=$(BENCH_PG) ./target/release/sent-bench $(BENCH_ARGS)

$(CORNUCOPIA):
	$(CARGO) install cornucopia --version $(CORNUCOPIA_VERSION) --locked --root $(TOOLS)
