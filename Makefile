# The two commands a newcomer runs: `make run` and `make test`.
# One build directory, $(BUILD), in Release (-O3, warnings are errors): the
# binary `make run` starts is $(BUILD)/srcbot, and it is the one `make test`
# drives, `make package` packs and `make install` installs.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release
RUN_ARGS ?= serve

.PHONY: setup configure srcbot build run test smoke suite bench bench-socket bench-mail bench-compare asan fuzz \
        package package-check install clean

setup:
	@./scripts/setup.sh

configure: setup
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

# The executable alone, without the test suite: what `make run` needs.
srcbot: configure
	@cmake --build $(BUILD) -j $(JOBS) --target srcbot

# Everything: the executable, the test suite and the benchmarks.
build: configure
	@cmake --build $(BUILD) -j $(JOBS)

run: srcbot
	./$(BUILD)/srcbot $(RUN_ARGS)

# What CI runs (.ci/run):
#  1. the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer
#     (build-asan);
#  2. the plain Release binary `make run` uses, driven through a scripted
#     console session and the other subcommands (tests/smoke/);
#  3. the Debian package built from it, unpacked and run, then installed
#     with apt-get on a bare Debian 12 (debootstrap) and run there;
#  4. every parser under libFuzzer for TEST_FUZZ_SECONDS each.
# Any failure, sanitizer report or fuzz finding fails it. (The plain suite is
# `make suite`: both suites would take CI past its budget on 2 cores.)
TEST_FUZZ_SECONDS ?= 15
test: asan
	@$(MAKE) --no-print-directory package-check
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(TEST_FUZZ_SECONDS)

# The scripted console session against $(BUILD)/srcbot, then `make run`
# itself, as the README shows it (tests/smoke/).
smoke: srcbot
	@./tests/smoke/console_session.sh $(BUILD)/srcbot
	@BUILD=$(BUILD) ./tests/smoke/make_run.sh

# The suite alone, in $(BUILD).
suite: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# srcbot_<version>_amd64.deb in $(BUILD) (CPack; docs/operations.md).
package: smoke
	@cd $(BUILD) && cpack -G DEB >/dev/null && ls -1 $(CURDIR)/$(BUILD)/srcbot_*_amd64.deb

# The package's fields and files, unpacked into a temporary root; then
# installed with apt-get on a bare Debian 12 made by debootstrap (root).
package-check: package
	@./scripts/setup.sh debootstrap
	@./tests/smoke/package_check.sh "$$(ls -t $(BUILD)/srcbot_*_amd64.deb | head -1)"
	@./tests/smoke/bare_install.sh "$$(ls -t $(BUILD)/srcbot_*_amd64.deb | head -1)"

# Installs under PREFIX (default /usr/local), or into DESTDIR for staging.
PREFIX ?= /usr/local
install: srcbot
	@cmake --install $(BUILD) --prefix $(PREFIX)

# Measurements, not tests: they print numbers and never fail on speed.
bench: build
	./$(BUILD)/bench/srcbot_bench

# How long a dead Socket Mode connection keeps the SRC waiting (about 3 min;
# RUNS per way, default 3). docs/socket-mode.md has the numbers.
RUNS ?= 3
bench-socket: build
	./$(BUILD)/bench/srcbot_socket_bench $(RUNS)

# Mail intake: MESSAGES (default 1000) queued in a loopback Dovecot, then the
# time from arrival to the #src post. docs/mail.md has the numbers.
MESSAGES ?= 1000
bench-mail: build
	./$(BUILD)/bench/srcbot_mail_bench $(MESSAGES)

# srcbot against the Slack Bolt peer (bench/compare.sh, docs/performance.md):
# a Release build of its own without the tests, the peer installed in a copy
# of ../shared/bench under /tmp, wrk from Debian.
# Knobs: PAIRS, DURATION, CONCURRENCIES, FILESYSTEMS, OUT, ... (see the script).
BENCH_BUILD ?= build-bench
BENCH_CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release -DSRCBOT_TESTS=OFF
bench-compare:
	@cmake -S . -B $(BENCH_BUILD) $(BENCH_CMAKE_FLAGS) >/dev/null
	@cmake --build $(BENCH_BUILD) -j $(JOBS) --target srcbot srcbot_bench
	@BUILD=$(BENCH_BUILD) ./bench/compare.sh

# The suite under ASan + UBSan (CMake option SRCBOT_SANITIZE), in build-asan;
# line tables only (-g1): reports keep file:line, the build is faster.
asan:
	@$(MAKE) --no-print-directory suite BUILD=build-asan \
	  CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DSRCBOT_SANITIZE=ON"

# Every parser under libFuzzer with ASan + UBSan (clang, build-fuzz;
# docs/fuzzing.md): fails on any crash, leak or sanitizer report.
FUZZ_SECONDS ?= 60
fuzz:
	@./scripts/setup.sh clang libclang-rt-14-dev
	@FUZZ_SECONDS=$(FUZZ_SECONDS) JOBS=$(JOBS) ./scripts/fuzz.sh

clean:
	rm -rf build build-asan build-fuzz build-bench
