// The per-thread cache in front of malloc (generator/support/allocation.cpp), linked into this test
// as into the binary: every block handed out must hold what was asked, whichever thread frees it.
#include "support/allocation.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <random>
#include <thread>
#include <vector>

// Sanitizer builds leave the cache out, and reject on purpose what two of these tests do to the
// cache: free a malloc'd block with operator delete, and ask for more memory than exists.
#if ICIPS_BLOCK_CACHE
#define SKIP_WITHOUT_THE_CACHE() (void)0
#else
#define SKIP_WITHOUT_THE_CACHE() GTEST_SKIP() << "a sanitizer build has no block cache"
#endif

namespace {

struct Block {
    unsigned char* p;
    size_t size;
    unsigned char mark;
};

void fill(const Block& b) { std::memset(b.p, b.mark, b.size); }
bool intact(const Block& b) {
    for (size_t i = 0; i < b.size; ++i)
        if (b.p[i] != b.mark) return false;
    return true;
}

}  // namespace

TEST(Allocation, BlocksHoldWhatWasAskedWhicheverThreadFreesThem) {
    constexpr int kThreads = 4, kRounds = 20000;
    std::vector<std::vector<Block>> handed(kThreads);  // blocks made by thread t, freed by thread t+1
    std::vector<int> damaged(kThreads, 0);
    auto work = [&](int t) {
        std::mt19937 random(static_cast<unsigned>(t) + 1);
        std::vector<Block> live;
        for (int r = 0; r < kRounds; ++r) {
            const size_t size = random() % 700;  // across the cached classes and past them
            Block b{static_cast<unsigned char*>(::operator new(size)), size, static_cast<unsigned char>(random())};
            fill(b);
            live.push_back(b);
            if (live.size() > 64) {  // free one at random, sized or not
                const size_t at = random() % live.size();
                if (!intact(live[at])) ++damaged[t];
                if (random() % 2) ::operator delete(live[at].p, live[at].size);
                else ::operator delete(live[at].p);
                live[at] = live.back();
                live.pop_back();
            }
        }
        handed[t] = std::move(live);
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) threads.emplace_back(work, t);
    for (auto& th : threads) th.join();
    threads.clear();
    // Each thread frees the blocks another one made, then allocates again from what it cached.
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (const Block& b : handed[(t + 1) % kThreads]) {
                if (!intact(b)) ++damaged[t];
                ::operator delete(b.p);
            }
            for (int r = 0; r < 1000; ++r) {
                Block b{static_cast<unsigned char*>(::operator new(512)), 512, 0x5a};
                fill(b);
                if (!intact(b)) ++damaged[t];
                ::operator delete(b.p, 512);
            }
        });
    for (auto& th : threads) th.join();
    for (int t = 0; t < kThreads; ++t) EXPECT_EQ(damaged[t], 0) << "thread " << t;
}

// A shared library's operator new is plain malloc; its blocks reach this delete with the size the
// library asked for, which may be less than the class that size falls in (malloc(20) holds 24
// bytes, the class of 20 is 32). Such a block must never be handed out for 32 bytes.
TEST(Allocation, ABlockFromMallocIsReusedOnlyForWhatItHolds) {
    SKIP_WITHOUT_THE_CACHE();
    std::vector<void*> foreign;
    for (int i = 0; i < 100; ++i) foreign.push_back(std::malloc(20));
    for (void* p : foreign) ::operator delete(p, 20);
    std::vector<Block> blocks;
    for (int i = 0; i < 100; ++i) {
        blocks.push_back({static_cast<unsigned char*>(::operator new(32)), 32, static_cast<unsigned char>(i)});
        fill(blocks.back());
    }
    for (const auto& b : blocks) EXPECT_TRUE(intact(b));
    for (const auto& b : blocks) ::operator delete(b.p, 32);
}

TEST(Allocation, ZeroBytesAndLargeBlocks) {
    SKIP_WITHOUT_THE_CACHE();
    void* none = ::operator new(0);
    EXPECT_NE(none, nullptr);
    ::operator delete(none, size_t{0});
    std::vector<char> large(3 << 20, 'x');  // past the cache: straight from malloc
    EXPECT_EQ(large[large.size() - 1], 'x');
    EXPECT_THROW((void)::operator new(static_cast<size_t>(-1) / 2), std::bad_alloc);
}
