# SENT's entry points. `make run` and `make test` are all a newcomer needs;
# each installs what is missing first.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo
# Debian packages the project needs: the database (and its server binaries).
APT_PACKAGES := postgresql postgresql-contrib
TOOLS := $(CURDIR)/.tools
CORNUCOPIA := $(TOOLS)/bin/cornucopia
CORNUCOPIA_VERSION := 1.0.1
NEXTEST := $(shell command -v cargo-nextest 2>/dev/null)

.PHONY: help deps run test test-rust lint fmt gen check bench clean-test-db

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

deps: ## Install missing system packages (apt) and build tools.
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  $$SUDO systemctl disable --now postgresql >/dev/null 2>&1 || true; \
	fi

run: deps ## Start SENT on http://127.0.0.1:8080 with an embedded PostgreSQL (or SENT_DATABASE_URL).
	$(CARGO) build -p sent-server
	exec ./target/debug/sent-server

test: deps lint check test-rust ## Everything CI checks: format, lints, generated-code drift, all tests.

lint: ## rustfmt check and clippy with warnings as errors.
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

clean-test-db: ## Stop and remove the tests' cluster.
	@dir=target/sent-test-pg; if [ -f $$dir/postmaster.pid ]; then \
	  if [ "$$(id -u)" = 0 ]; then runuser -u postgres -- $$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl stop -D $(CURDIR)/$$dir -m immediate >/dev/null 2>&1 || true; \
	  else $$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl stop -D $(CURDIR)/$$dir -m immediate >/dev/null 2>&1 || true; fi; \
	fi; rm -rf $$dir $$dir.credentials.json $$dir.log $$dir.lock

gen: deps $(CORNUCOPIA) ## Regenerate the generated code (queries crate, OpenRPC document).
	CORNUCOPIA=$(CORNUCOPIA) $(CARGO) run -q -p sent-gen -- queries
	$(CARGO) run -q -p sent-gen -- openrpc

check: deps $(CORNUCOPIA) ## Fail if regenerating would change any checked-in generated file.
	CORNUCOPIA=$(CORNUCOPIA) $(CARGO) run -q -p sent-gen -- --check queries
	$(CARGO) run -q -p sent-gen -- --check openrpc

$(CORNUCOPIA):
	$(CARGO) install cornucopia --version $(CORNUCOPIA_VERSION) --locked --root $(TOOLS)
