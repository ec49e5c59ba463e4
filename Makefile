# Front door. `make` installs missing Debian packages, configures and builds;
# `make test` builds and runs every test through ctest.
BUILD := build
DEBS := cmake g++ libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-cpp-dev \
        libcpp-httplib-dev libgtest-dev libkainjow-mustache-dev nlohmann-json3-dev libcli11-dev
# Printing and checking PDFs (make pdf, make test): headless Chromium and poppler's pdftotext.
PRINT_DEBS := chromium poppler-utils

# Installs the Debian packages named in $(1) that are missing (apt-get; CI runs as root).
define install_debs
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
endef

.PHONY: all deps node-deps print-deps configure build search-lib site check serve pdf test bench clean
all: site

deps:
	$(call install_debs,$(DEBS))

print-deps:
	$(call install_debs,$(PRINT_DEBS))

# Node.js and npm fetch the search library and the browser-side test tools; Debian's packages when
# the machine has no npm of its own.
node-deps:
	@command -v npm >/dev/null 2>&1 || { echo "installing: nodejs npm"; apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; }

configure: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null

build: configure
	cmake --build $(BUILD) -j2

# The search library of /search/ (MiniSearch) and its English stemmer (wink-porter2-stemmer), pinned
# in themes/default/vendor/package-lock.json, from npm; their browser builds are copied into the
# theme's git-ignored assets/vendor/, which the generator publishes at /assets/vendor/. The stemmer
# is a CommonJS module: it is wrapped to set the global stemPorter2. A site built without them still
# builds and browses: /search/ says so.
SEARCH_LIB := themes/default/assets/vendor/minisearch.js
STEMMER := themes/default/assets/vendor/porter2-stemmer.js
STEMMER_SRC := themes/default/vendor/node_modules/wink-porter2-stemmer/src/wink-porter2-stemmer.js
search-lib: node-deps $(SEARCH_LIB) $(STEMMER)
$(SEARCH_LIB) $(STEMMER) &: themes/default/vendor/package-lock.json
	cd themes/default/vendor && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p $(@D)
	cp themes/default/vendor/node_modules/minisearch/LICENSE.txt $(@D)/minisearch-LICENSE.txt
	sed '/^\/\/# sourceMappingURL=/d' themes/default/vendor/node_modules/minisearch/dist/umd/index.js >$(SEARCH_LIB).tmp
	grep -qx 'module.exports = stem;' $(STEMMER_SRC)
	{ echo '(function () {'; sed 's/^module\.exports = stem;$$/globalThis.stemPorter2 = stem;/' $(STEMMER_SRC); \
	  echo '})();'; } >$(STEMMER).tmp
	mv $(SEARCH_LIB).tmp $(SEARCH_LIB)
	mv $(STEMMER).tmp $(STEMMER)

# Writes the site to output/ (atomically: a failed build leaves output/ as it was).
site: build search-lib
	./$(BUILD)/icips-site build --content content --out output

check: build
	./$(BUILD)/icips-site check --content content

# Builds into output/, serves it on http://127.0.0.1:1313/ and rebuilds and reloads on every change.
serve: build search-lib
	./$(BUILD)/icips-site serve --content content --out output

# Builds the site, then prints each worksheet pack to output/packs/<pack-id>.pdf.
pdf: build print-deps
	./$(BUILD)/icips-site pdf --content content --out output

test: build print-deps search-lib
	cd $(BUILD) && ctest --output-on-failure

# The unit and end-to-end tests again under AddressSanitizer (leaks included) and
# UndefinedBehaviorSanitizer, in build-sanitize/ (Debug); any report fails the run. Left out: the
# browser gates (they check the pages, not the generator's memory) and the edit-to-reload time limit
# (a performance budget for the Release build, not for a sanitized Debug one).
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
.PHONY: test-sanitize fuzz
test-sanitize: deps print-deps
	cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="$(SANITIZE)" \
	  -DCMAKE_EXE_LINKER_FLAGS="$(SANITIZE)" >/dev/null
	cmake --build build-sanitize -j2
	cd build-sanitize && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -E 'browser|EditToReloadOnTheRealContent'

# Fuzzes the content loaders and the Markdown renderer with libFuzzer (clang from Debian) for
# FUZZ_SECONDS, in build-fuzz/, from a corpus seeded with content/ and tests/bad-content/. Inputs that
# crash, hang or leak are written to tests/fuzz/regressions/, which `make test` replays: keep them.
FUZZ_DEBS := clang libclang-rt-dev
FUZZ_SECONDS := 60
fuzz: deps
	$(call install_debs,$(FUZZ_DEBS))
	cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DICIPS_FUZZ=ON \
	  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" >/dev/null
	cmake --build build-fuzz --target content_fuzzer -j2
	tests/fuzz/seed.sh build-fuzz/corpus
	build-fuzz/content_fuzzer build-fuzz/corpus -dict=tests/fuzz/content.dict -max_total_time=$(FUZZ_SECONDS) \
	  -timeout=10 -rss_limit_mb=2048 -artifact_prefix=tests/fuzz/regressions/ -print_final_stats=1

# icips-site against Hugo on synthetic 1,000- and 10,000-page corpora (installs hugo if missing);
# never part of `make test`. Results in build/bench/results.md.
bench: deps
	bench/run.sh

clean:
	rm -rf $(BUILD)
