#include "content/yaml_cache.h"

#include "content/bytes.h"
#include "support/files.h"

#include <elf.h>
#include <link.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace icips::content {

namespace {

// File layout: the magic line, the program id (length and bytes), a checksum of the rest, then per
// document its text and its tree (YamlDoc::append_bytes), each as a 32-bit length and the bytes.
constexpr std::string_view kMagic = "icips-site yaml-cache 1\n";

// A 64-bit hash of `bytes`, eight bytes a step (FNV-1a over words, with a final mix). It finds a
// document's bucket and tells a damaged file; equality is always checked on the whole text.
std::uint64_t hash_bytes(std::string_view bytes) {
    std::uint64_t h = 0xcbf29ce484222325ull ^ bytes.size();
    size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, bytes.data() + i, 8);
        h = (h ^ word) * 0x100000001b3ull;
        h ^= h >> 32;
    }
    for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * 0x100000001b3ull;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 32);
}

// The GNU build ID of the object (program or shared module) that holds this code.
std::string find_program_id() {
    struct Search {
        const void* code;
        std::string id;
    } search{reinterpret_cast<const void*>(&find_program_id), {}};
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* data) {
            auto& s = *static_cast<Search*>(data);
            const auto address = reinterpret_cast<ElfW(Addr)>(s.code);
            bool holds = false;
            for (int i = 0; i < info->dlpi_phnum && !holds; ++i) {
                const auto& ph = info->dlpi_phdr[i];
                const ElfW(Addr) start = info->dlpi_addr + ph.p_vaddr;
                holds = ph.p_type == PT_LOAD && address >= start && address < start + ph.p_memsz;
            }
            if (!holds) return 0;
            for (int i = 0; i < info->dlpi_phnum; ++i) {
                const auto& ph = info->dlpi_phdr[i];
                if (ph.p_type != PT_NOTE) continue;
                const char* note = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
                const char* end = note + ph.p_memsz;
                while (note + sizeof(ElfW(Nhdr)) <= end) {
                    ElfW(Nhdr) header;
                    std::memcpy(&header, note, sizeof header);
                    const char* name = note + sizeof header;
                    const char* desc = name + ((header.n_namesz + 3) & ~3u);
                    if (desc + header.n_descsz > end) break;
                    if (header.n_type == NT_GNU_BUILD_ID && header.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
                        static constexpr char hex[] = "0123456789abcdef";
                        for (unsigned k = 0; k < header.n_descsz; ++k) {
                            const auto byte = static_cast<unsigned char>(desc[k]);
                            s.id += hex[byte >> 4];
                            s.id += hex[byte & 15];
                        }
                        return 1;
                    }
                    note = desc + ((header.n_descsz + 3) & ~3u);
                }
            }
            return 1;
        },
        &search);
    return search.id;
}

}  // namespace

const std::string& YamlCache::program_id() {
    static const std::string id = find_program_id();
    return id;
}

std::filesystem::path YamlCache::file_for(const std::filesystem::path& folder, const std::filesystem::path& content_dir) {
    std::error_code ec;
    std::filesystem::path where = std::filesystem::canonical(content_dir, ec);
    if (ec) where = std::filesystem::absolute(content_dir, ec).lexically_normal();
    char name[32];
    std::snprintf(name, sizeof name, "yaml-%016llx", static_cast<unsigned long long>(hash_bytes(where.native())));
    return folder / name;
}

YamlCache::YamlCache(std::filesystem::path file) : path_(std::move(file)) {
    if (program_id().empty()) return;
    file_ = support::MappedFile::open(path_);
    if (!file_) return;
    bytes::Reader in{file_->bytes()};
    if (in.take(kMagic.size()) != kMagic || in.take_sized() != program_id()) return;
    const auto checksum = in.get<std::uint64_t>();
    if (!in.ok || checksum != hash_bytes(in.bytes)) return;
    std::unordered_multimap<std::uint64_t, Stored> stored;
    while (!in.bytes.empty()) {
        Stored entry;
        entry.text = in.take_sized();
        entry.tree = in.take_sized();
        if (!in.ok) return;
        stored.emplace(hash_bytes(entry.text), entry);
    }
    stored_ = std::move(stored);
}

std::shared_ptr<const YamlDoc> YamlCache::find(std::string_view text) {
    const std::uint64_t key = hash_bytes(text);
    Stored* found = nullptr;
    {
        std::lock_guard lock(mutex_);
        for (auto [it, end] = stored_.equal_range(key); it != end && !found; ++it)
            if (it->second.text == text) found = &it->second;
        if (!found) return nullptr;
        found->used = true;
        ++hits_;
    }
    auto doc = YamlDoc::from_bytes(found->tree);  // outside the lock: the loaders read files in parallel
    if (!doc) {
        std::lock_guard lock(mutex_);
        found->used = false;  // damaged: parsed again, and the new tree is kept instead
        --hits_;
    }
    return doc;
}

void YamlCache::add(std::string_view text, std::shared_ptr<const YamlDoc> doc) {
    std::lock_guard lock(mutex_);
    added_.push_back({std::string(text), std::move(doc)});
}

std::size_t YamlCache::hits() const {
    std::lock_guard lock(mutex_);
    return hits_;
}

std::size_t YamlCache::additions() const {
    std::lock_guard lock(mutex_);
    return added_.size();
}

void YamlCache::save() {
    std::lock_guard lock(mutex_);
    if (added_.empty() || program_id().empty()) return;
    std::vector<std::pair<std::string_view, std::string>> entries;  // text, tree
    for (const auto& [key, entry] : stored_)
        if (entry.used) entries.push_back({entry.text, std::string(entry.tree)});
    for (const auto& added : added_) {
        std::string tree;
        added.doc->append_bytes(tree);
        entries.push_back({added.text, std::move(tree)});
    }
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end(),
                              [](const auto& a, const auto& b) { return a.first == b.first; }),
                  entries.end());
    std::string body;
    for (const auto& [text, tree] : entries) {
        if (text.size() > UINT32_MAX || tree.size() > UINT32_MAX) continue;
        bytes::put_sized(body, text);
        bytes::put_sized(body, tree);
    }
    std::string head(kMagic);
    bytes::put_sized(head, program_id());
    bytes::put(head, hash_bytes(body));
    try {
        support::replace_file(path_, {head, body});
    } catch (const std::filesystem::filesystem_error&) {
    }
}

}  // namespace icips::content
