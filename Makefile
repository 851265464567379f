# The two commands of the README: `make demo` and `make test`.
BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: deps build demo test fuzz sanitize bench install clean
PREFIX ?= /usr/local

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The demo needs the CLI only, not the test binaries.
demo: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target retort_cli
	@scripts/demo.sh "$(CURDIR)/$(BUILD)/cli/retort" "$(CURDIR)/demo"

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

fuzz:
	JOBS=$(JOBS) scripts/fuzz.sh

sanitize:
	JOBS=$(JOBS) scripts/sanitize.sh

# A Release build without tests, installed stripped into $(PREFIX).
install: deps
	cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DRETORT_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build build-release -j $(JOBS) --target retort_cli retort_man retort_shared retort_static
	cmake --install build-release --prefix $(PREFIX)

bench:
	bench/run.sh

clean:
	rm -rf $(BUILD) build-fuzz build-asan build-release demo
