# The README's two commands. Everything else is CMake presets (see CMakePresets.json).
.PHONY: deps demo test build clean

deps:
	@scripts/install-deps.sh

build: deps
	cmake --preset release
	cmake --build --preset release

demo: build
	scripts/demo.sh build/release/apps/cli/mend

test: deps
	cmake --preset ci
	cmake --build --preset ci
	ctest --preset ci

clean:
	rm -rf build
