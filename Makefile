# Front door. `make` installs missing Debian packages, configures and builds;
# `make test` builds and runs every test through ctest.
BUILD := build
DEBS := cmake g++ libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-cpp-dev \
        libcpp-httplib-dev libgtest-dev libkainjow-mustache-dev nlohmann-json3-dev libcli11-dev

.PHONY: all deps configure build site check serve test bench clean
all: site

deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null

build: configure
	cmake --build $(BUILD) -j2

# Writes the site to output/ (atomically: a failed build leaves output/ as it was).
site: build
	./$(BUILD)/icips-site build --content content --out output

check: build
	./$(BUILD)/icips-site check --content content

# Builds into output/, serves it on http://127.0.0.1:1313/ and rebuilds and reloads on every change.
serve: build
	./$(BUILD)/icips-site serve --content content --out output

test: build
	cd $(BUILD) && ctest --output-on-failure

# icips-site against Hugo on synthetic 1,000- and 10,000-page corpora (installs hugo if missing);
# never part of `make test`. Results in build/bench/results.md.
bench: deps
	bench/run.sh

clean:
	rm -rf $(BUILD)
