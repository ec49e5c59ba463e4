// A per-thread cache in front of malloc for the program's small C++ allocations.
//
// A build makes and drops many small objects: kainjow's template data (a hash map node, a string and
// a unique_ptr per field), YAML nodes, link lists. glibc keeps at most 7 freed blocks of each size per
// thread (its tcache); beyond that they go to shared bins, and every larger request then merges those
// bins again (malloc_consolidate). Keeping up to 256 KiB of freed blocks per size class in the thread
// that freed them, as raising glibc's limit would (GLIBC_TUNABLES=glibc.malloc.tcache_count=1000,
// which cannot be set from inside the program), took the real site's build from 283M to 244M
// instructions and the 10,000-page build from ~1.9 s to ~1.75 s. Blocks still come from malloc and go
// back to free when a thread ends.
//
// Only operator new/delete of the executable are replaced (C code keeps calling malloc), and not in
// sanitizer builds, whose own allocator checks every allocation.
#include "support/allocation.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

#include <malloc.h>

#if ICIPS_BLOCK_CACHE
namespace {

constexpr std::size_t kGranule = 16;                   // size classes 16, 32, ... bytes
constexpr std::size_t kClasses = 32;                   // cached up to 512 bytes
constexpr std::size_t kBytesPerClass = 256 * 1024;     // kept per class and thread

struct FreeBlock {
    FreeBlock* next;
};

// Zero-initialised thread storage: no constructor runs, so the cache is usable from a thread's first
// allocation. Class k holds blocks whose usable size is at least k * kGranule.
struct Cache {
    FreeBlock* heads[kClasses + 1];
    std::uint32_t counts[kClasses + 1];
    bool registered;  // the Flusher of this thread exists
    bool closed;      // the thread is ending: blocks go straight back to free
};
thread_local Cache cache;

void flush() {
    for (std::size_t k = 0; k <= kClasses; ++k) {
        for (FreeBlock* b = cache.heads[k]; b;) {
            FreeBlock* next = b->next;
            std::free(b);
            b = next;
        }
        cache.heads[k] = nullptr;
        cache.counts[k] = 0;
    }
}

// Gives the thread's blocks back to malloc when the thread ends.
struct Flusher {
    ~Flusher() {
        cache.closed = true;
        flush();
    }
};

void register_flusher() {
    cache.registered = true;
    thread_local Flusher flusher;
    (void)flusher;
}

[[noreturn]] void out_of_memory() { throw std::bad_alloc(); }

void* allocate(std::size_t size) {
    const std::size_t k = (size + kGranule - 1) / kGranule;
    if (k <= kClasses && !cache.closed) {
        if (FreeBlock* b = cache.heads[k]) {
            cache.heads[k] = b->next;
            --cache.counts[k];
            return b;
        }
        if (void* p = std::malloc(k == 0 ? kGranule : k * kGranule)) return p;
        out_of_memory();
    }
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    out_of_memory();
}

void release(void* p, std::size_t k) {
    if (k <= kClasses && !cache.closed && cache.counts[k] < kBytesPerClass / ((k == 0 ? 1 : k) * kGranule)) {
        if (!cache.registered) register_flusher();
        auto* b = static_cast<FreeBlock*>(p);
        b->next = cache.heads[k];
        cache.heads[k] = b;
        ++cache.counts[k];
        return;
    }
    std::free(p);
}

// The class a freed block belongs to: its usable size rounded down. This is asked of malloc even
// when the caller says the size: a block may come from an operator new other than this one (a
// shared library's), and only its usable size is sure to be enough for its class.
std::size_t class_of_block(void* p) { return malloc_usable_size(p) / kGranule; }

void release(void* p) {
    if (p) release(p, class_of_block(p));
}

}  // namespace

#define ICIPS_EXPORTED __attribute__((visibility("default")))
ICIPS_EXPORTED void* operator new(std::size_t size) { return allocate(size); }
ICIPS_EXPORTED void* operator new[](std::size_t size) { return allocate(size); }
ICIPS_EXPORTED void operator delete(void* p) noexcept { release(p); }
ICIPS_EXPORTED void operator delete[](void* p) noexcept { release(p); }
ICIPS_EXPORTED void operator delete(void* p, std::size_t) noexcept { release(p); }
ICIPS_EXPORTED void operator delete[](void* p, std::size_t) noexcept { release(p); }
#endif
