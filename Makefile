# The two commands a newcomer runs: `make run` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
RUN_ARGS ?= serve

.PHONY: setup configure build run test suite bench bench-compare asan fuzz clean

setup:
	@./scripts/setup.sh

configure: setup
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/srcbot $(RUN_ARGS)

# What CI runs (.ci/run): the whole suite under AddressSanitizer +
# UndefinedBehaviorSanitizer, then every parser under libFuzzer for
# TEST_FUZZ_SECONDS each. Any failure, sanitizer report or fuzz finding fails
# it. (The same suite without sanitizers is `make suite`; running both builds
# here would take CI past its 20-minute budget on 2 cores.)
TEST_FUZZ_SECONDS ?= 15
test: asan
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(TEST_FUZZ_SECONDS)

# The suite alone, in $(BUILD).
suite: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Measurements, not tests: they print numbers and never fail on speed.
bench: build
	./$(BUILD)/bench/srcbot_bench

# srcbot against the Slack Bolt peer (bench/compare.sh, docs/performance.md):
# a Release build of its own (GCC 12's -O3 false -Wrestrict kept a warning),
# the peer installed in a copy of ../shared/bench under /tmp, wrk from Debian.
# Knobs: PAIRS, DURATION, CONCURRENCIES, FILESYSTEMS, OUT, ... (see the script).
BENCH_BUILD ?= build-bench
BENCH_CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release -DSRCBOT_TESTS=OFF -DCMAKE_CXX_FLAGS=-Wno-error=restrict
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
