# The two commands a newcomer runs: `make run` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo
RUN_ARGS ?= serve

.PHONY: setup configure build run test bench asan clean

setup:
	@./scripts/setup.sh

configure: setup
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/srcbot $(RUN_ARGS)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Measurements, not tests: they print numbers and never fail on speed.
bench: build
	./$(BUILD)/bench/srcbot_bench

asan:
	@$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=Debug -DSRCBOT_SANITIZE=ON"

clean:
	rm -rf build build-asan
