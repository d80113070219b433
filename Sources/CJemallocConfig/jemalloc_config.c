// jemalloc reads this string at start-up (it is jemalloc's documented `malloc_conf` hook).
//
// narenas:1 — one arena for all threads. A batch allocates a report on one worker thread
// and frees it on another (the thread that writes results in order); with jemalloc's default
// of four arenas per core, every arena keeps its own dirty pages, and peak memory rose with
// the length of the run (126–136 MB at 100,000 reports, against 92–98 MB with one arena, at
// the same speed: bench/RESULTS.md). Thread caches still serve most allocations lock-free.
const char *malloc_conf = "narenas:1";
