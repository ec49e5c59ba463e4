// Whether the binary's operator new/delete keep a per-thread cache of freed blocks
// (allocation.cpp). Sanitizer builds leave it out: their own allocator checks every block.
#pragma once

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define ICIPS_BLOCK_CACHE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define ICIPS_BLOCK_CACHE 0
#endif
#endif
#ifndef ICIPS_BLOCK_CACHE
#define ICIPS_BLOCK_CACHE 1
#endif
