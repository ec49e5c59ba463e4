// Writing and reading values as the machine stores them, for files that never leave it (the YAML
// cache and the trees in it). Internal to content/.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace icips::content::bytes {

template <typename T>
void put(std::string& out, T value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

// A 32-bit length, then the bytes.
inline void put_sized(std::string& out, std::string_view text) {
    put(out, static_cast<std::uint32_t>(text.size()));
    out += text;
}

// Reads from the front of `bytes`. A read past the end gives a zero value or no bytes and clears
// `ok`, so a caller may read a whole record and check once.
struct Reader {
    std::string_view bytes;
    bool ok = true;

    template <typename T>
    T get() {
        T value{};
        if (bytes.size() < sizeof value) {
            ok = false;
            return value;
        }
        std::memcpy(&value, bytes.data(), sizeof value);
        bytes.remove_prefix(sizeof value);
        return value;
    }
    std::string_view take(std::size_t n) {
        if (bytes.size() < n) {
            ok = false;
            return {};
        }
        auto out = bytes.substr(0, n);
        bytes.remove_prefix(n);
        return out;
    }
    // What put_sized wrote.
    std::string_view take_sized() { return take(get<std::uint32_t>()); }
};

}  // namespace icips::content::bytes
