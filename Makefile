# The README's two commands. Everything else is CMake presets (see CMakePresets.json).
.PHONY: deps demo test build clean web fuzz

deps:
	@scripts/install-deps.sh

build: deps
	cmake --preset release
	cmake --build --preset release

# The web workbench (web/ -> web/dist): npm ci when the lock file changed, then the Vite build.
web: deps
	scripts/build-web.sh

demo: build web
	scripts/demo.sh build/release/apps/cli/mend

test: deps web
	cmake --preset ci
	cmake --build --preset ci
	ctest --preset ci
	scripts/fuzz.sh $${FUZZ_SMOKE_SECONDS:-60}

# Each libFuzzer target for FUZZ_SECONDS (default 60) on its corpus: see docs/fuzzing.md.
fuzz: deps
	scripts/fuzz.sh $${FUZZ_SECONDS:-60}

clean:
	rm -rf build
