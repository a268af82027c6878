# StatReturn. `make sample` and `make test` work on a fresh Debian/Ubuntu machine
# with the Swift toolchain: the system libraries are installed if missing.
SWIFT ?= swift
APT_PACKAGES := libxml2-dev libsqlite3-dev libpq-dev libxlsxwriter-dev zlib1g-dev pkg-config
BENCH_PACKAGES := time python3-venv sqlite3
SAMPLE_903 := SampleReturns/ssda903/2026-27

.PHONY: deps build release sample test rule-tests samples bench fuzz clean

deps:
	@missing=""; for p in $(APT_PACKAGES) $(EXTRA_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Validates the bundled synthetic council; its deliberate errors make the
# validator exit 1, which is the expected result here.
sample: build
	@$(SWIFT) run --skip-build statreturn validate ssda903 --year 2026-27 $(SAMPLE_903) --owners SampleReturns/ssda903/owners.csv --out out; \
	status=$$?; [ $$status -le 1 ] || exit $$status

# A private PostgreSQL server runs for the length of the tests (the SSD read from a database).
test: deps
	Tests/postgres/with-postgres.sh $(SWIFT) test --disable-swift-testing

# Rewrites Tests/StatReturnKitTests/RuleTests.generated.swift (one test per return, year
# and rule) and Specs/asglb/README.md (the ASGLB spec item by item) from Specs/, after a rule
# is added, renamed or retired, or an ASGLB item changed.
rule-tests:
	STATRETURN_REGENERATE=1 $(SWIFT) test --disable-swift-testing \
	  --filter 'RuleExampleTests/testGeneratedRuleTestsAreCurrent|ASGLBSpecReadmeTests/testTheReadmeIsCurrentWithTheSpec'


# Writes the generated sample workbooks (SampleReturns/annex-a/) again, after a change to the
# code or specs that makes them.
samples:
	STATRETURN_REGENERATE=1 $(SWIFT) test --disable-swift-testing --filter 'AnnexASampleTests/testThe'

# Times StatReturn on synthetic councils, side by side with the public Python validators.
bench:
	$(MAKE) release EXTRA_PACKAGES="$(BENCH_PACKAGES)"
	bench/run.sh

# Fuzzes each reader (CSV, XLSX, XML with and without the schema) with libFuzzer and AddressSanitizer;
# FUZZ_RUNS=N sets the executions per reader (default 1,000,000). Not part of `make test`.
fuzz: deps
	$(MAKE) deps EXTRA_PACKAGES=unzip
	Fuzz/run.sh

clean:
	rm -rf .build out .venv-bench Fuzz/.build Fuzz/findings
