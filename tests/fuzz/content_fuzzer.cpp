// libFuzzer target for the content loaders (YAML, front matter) and the Markdown renderer.
// `make fuzz` builds it with clang in build-fuzz/ and runs it for 60 s; see fuzz_content.h for what
// an input means. Crashing inputs are kept in tests/fuzz/regressions/ and replayed by `make test`.
#include "fuzz_content.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    icips::fuzz::load_as_content(data, size);
    return 0;
}
