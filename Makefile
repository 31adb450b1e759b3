# ccsim build, run and test targets. Everything a fresh machine needs is
# fetched here (Go modules through the module proxy), so `make run` and
# `make test` work on a clean checkout.

GO       ?= go
BIN      := bin/ccsim
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)
SCENARIO ?= planning-week
ARGS     ?=
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

# The HTML report embeds ECharts 5 (go-echarts targets 5.x). It is not
# committed: it comes from the npm registry, is checked against a pinned
# digest, and lands in a git-ignored folder before anything is built.
ECHARTS_VERSION := 5.6.0
ECHARTS_SHA256  := bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1
ECHARTS_DIR     := reports/assets/echarts
ECHARTS_JS      := $(ECHARTS_DIR)/echarts.min.js

# The browser test of the HTML report runs Debian's Chromium, headless.
CHROMIUM ?= /usr/bin/chromium

.PHONY: all build run test test-long test-slurm bench bench-go fuzz lint deps modules assets npm chromium slurm screenshot clean

all: build

deps: assets modules

modules:
	$(GO) mod download

assets: $(ECHARTS_JS)

$(ECHARTS_JS):
	@$(MAKE) --no-print-directory npm
	@rm -rf .cache/echarts && mkdir -p .cache/echarts $(ECHARTS_DIR)
	cd .cache/echarts && npm pack echarts@$(ECHARTS_VERSION) --silent >/dev/null
	tar -xzf .cache/echarts/echarts-$(ECHARTS_VERSION).tgz -C .cache/echarts package/dist/echarts.min.js package/LICENSE package/NOTICE
	echo "$(ECHARTS_SHA256)  .cache/echarts/package/dist/echarts.min.js" | sha256sum -c --quiet
	cp .cache/echarts/package/LICENSE .cache/echarts/package/NOTICE $(ECHARTS_DIR)/
	cp .cache/echarts/package/dist/echarts.min.js $@

## npm: Debian's npm, which fetches ECharts, installed when missing (as
## root, with apt-get); otherwise a message says how to get it.
npm:
	@if command -v npm >/dev/null 2>&1; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "npm is missing and there is no apt-get: install Node.js with its npm, then run make again"; exit 1; \
	fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "npm is missing: run 'sudo make npm', or apt-get install npm as root, then run make again"; exit 1; \
	fi; \
	echo "installing Debian's npm to fetch ECharts"; \
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm

## chromium: Debian's Chromium for the browser test of the HTML report,
## installed when missing (as root, with apt-get).
chromium:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "$(CHROMIUM) is missing and there is no apt-get: install Chromium and set CHROMIUM=/path/to/chromium"; exit 1; \
	fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "$(CHROMIUM) is missing: run 'sudo make chromium', or apt-get install chromium as root"; exit 1; \
	fi; \
	echo "installing Debian's chromium for the browser test"; \
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium

## slurm: Debian's Slurm and munge for the Slurm test, installed when
## missing (as root, with apt-get).
SLURM_COMMANDS := munged mungekey slurmctld slurmd sbatch squeue sinfo scontrol scancel
slurm:
	@missing=; for c in $(SLURM_COMMANDS); do command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
	  echo "missing:$$missing, and there is no apt-get: install Slurm and munge"; exit 1; \
	fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "missing:$$missing: run 'sudo make slurm', or apt-get install slurm-wlm munge as root"; exit 1; \
	fi; \
	echo "installing Debian's slurm-wlm and munge for the Slurm test (missing:$$missing)"; \
	apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slurm-wlm munge

## build: a static binary (CGO_ENABLED=0), as the container image has: no
## dynamic loader to start, 0.7 ms less per process (issue 16, startup),
## and the same binary runs on any Linux of the architecture.
build: deps
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/ccsim

## run: the main job on a built-in scenario (make run SCENARIO=mmc ARGS="--seed 7")
run: build
	./$(BIN) run $(SCENARIO) $(ARGS)

## test: everything CI runs. Formatting, lint (vet and staticcheck), all
## tests (the long statistical ones run with -short off) including the
## import rules between packages (internal/layout) and the browser test
## of the HTML report in headless Chromium (CCSIM_E2E=1 makes a missing
## Chromium a failure, not a skip), and the race detector on the engine
## and the replication pool; then the Slurm test (test-slurm).
test: deps chromium
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(MAKE) --no-print-directory lint
	CCSIM_E2E=1 CCSIM_CHROMIUM=$(CHROMIUM) $(GO) test -count=1 ./...
	$(GO) test -count=1 -race -short ./sim/... ./analysis/...
	$(MAKE) --no-print-directory test-slurm

## test-slurm: the shipped deploy/slurm/sweep.sbatch, unchanged, as a job
## array on a one-node Slurm cluster started for the test (munged,
## slurmctld -D, slurmd -D, all stopped when it ends); the merged parts
## must give byte for byte the single-machine report. Root only (like the
## Chromium install); about 15 s once Slurm is installed. Part of `test`.
test-slurm: build slurm
	deploy/slurm/test.sh $(BIN)

## screenshot: docs/report.png, the README's picture of the HTML report of
## the planning week, taken by the browser test.
screenshot: deps chromium
	CCSIM_E2E=1 CCSIM_CHROMIUM=$(CHROMIUM) $(GO) test -count=1 -run '^TestE2E_htmlReport$$' ./cmd/ccsim \
	  -args -screenshot $(CURDIR)/docs/report.png

## bench: the figures of issue 16, measured in one run (scripts/bench.sh):
## engine contacts/s and events/s, the bare-loop ceiling of
## ../shared/tools/eventlimit and the ratio, records/s with allocations per
## record, the CLI sweep on 1 and 2 workers with its efficiency, startup
## time; a summary table at the end.
bench: build
	GO=$(GO) BIN=$(BIN) scripts/bench.sh

## bench-go: every Go benchmark of the engine, analysis and reports.
bench-go: deps
	$(GO) test -run '^$$' -bench . -benchtime 3x -count 1 ./sim/... ./analysis/... ./reports/...

## fuzz: every fuzz target of every package (the scenario loader, the CSV
## plan reader, durations, variants files, partial results ...), found by
## go test -list so that a new target is never skipped; FUZZTIME each.
FUZZTIME ?= 60s
fuzz: deps
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; \
	    $(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 3s $$pkg || exit 1; \
	  done; \
	done

## lint: go vet and staticcheck. They need the Go modules only, not the
## ECharts asset (nor npm to fetch it): reports embeds its assets folder
## as a whole, so the code builds, and is analysed, the same with or
## without echarts.min.js in it; only `ccsim run --html` needs it, at run
## time. Binaries are built by `build`, which fetches the asset first.
lint: modules
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

clean:
	rm -rf bin .cache $(ECHARTS_DIR)
