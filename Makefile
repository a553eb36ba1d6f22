# The two commands of the README:
#   make run    installs what is missing, builds, prints the seed 001 network worksheet
#               (chainrule worksheet examples/bp_network.chain)
#   make test   installs what is missing, builds, runs every test
# Other targets: make build, make bench, make asan (tests under Address/UB sanitizers),
# make demos (the issue 6 demos), make clean.
PRESET ?= release
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: deps configure build run test bench asan clean demos

deps:
	@./scripts/install-deps.sh

configure: deps
	@test -f $(BUILD_DIR)/build.ninja || cmake --preset $(PRESET)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Builds only what the worksheet needs, so the first `make run` is quick.
run: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target chainrule_cli
	@./$(BUILD_DIR)/tools/chainrule worksheet examples/bp_network.chain

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# Side-by-side ratios (record + reverse) / plain, then the worksheet timings.
bench: build
	GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD \
	    ./$(BUILD_DIR)/bench/bench_scalar_reverse --ratio
	./$(BUILD_DIR)/bench/bench_worksheet

asan:
	$(MAKE) test PRESET=asan

# The demos of issue 6 (docs/demos.md), every one in turn; pictures in $(BUILD_DIR)/demos/.
demos: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target chainrule_demos_cli
	./$(BUILD_DIR)/examples/chainrule-demos all --out-dir $(BUILD_DIR)/demos --every 100

clean:
	rm -rf build
