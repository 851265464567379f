#pragma once

namespace retort::cli {

/// Backs the heap with transparent huge pages where the kernel offers them (glibc only; a no-op
/// elsewhere). Call first thing in main, before other threads start.
void prefer_huge_heap_pages();

}  // namespace retort::cli
