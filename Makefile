# The two commands of the README: `make demo` and `make test`.
BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?=

.PHONY: deps build demo test fuzz bench clean

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh "$(CURDIR)/$(BUILD)/cli/retort" "$(CURDIR)/demo"

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

fuzz:
	JOBS=$(JOBS) scripts/fuzz.sh

bench:
	bench/run.sh

clean:
	rm -rf $(BUILD) build-fuzz demo
