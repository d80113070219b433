// jemalloc reads this string at start-up (it is jemalloc's documented `malloc_conf` hook).
//
// narenas:1 — one arena for all threads. A batch allocates a report on one worker thread
// and frees it on another (the thread that writes results in order); with jemalloc's default
// of four arenas per core, every arena keeps its own dirty pages, and peak memory rose with
// the length of the run (126–136 MB at 100,000 reports, against 92–98 MB with one arena, at
// the same speed: bench/RESULTS.md). Thread caches still serve most allocations lock-free.
//
// dirty_decay_ms:1000, muzzy_decay_ms:0 — freed pages go back to the system after about a
// second instead of ten. A batch frees as much as it allocates, window after window, so the
// default kept ten seconds of windows resident: peak at 100,000 reports 92–98 MB, against
// 78–87 MB with this setting, at the same speed within the machine's noise.
const char *malloc_conf = "narenas:1,dirty_decay_ms:1000,muzzy_decay_ms:0";
