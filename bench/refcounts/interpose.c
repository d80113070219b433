// bench/refcounts/interpose.c — LD_PRELOAD library for bench/refcounts.sh.
//
// Counts the Swift runtime's reference-count operations that tce calls through the dynamic
// linker (swift_retain, swift_release and their bridge-object forms), per (object, caller),
// and writes them out at exit: "object caller-library caller-offset count thread static", where
// thread is the one thread that touched the object (-1: more than one) and static is 1 for an
// object inside a loaded image (immortal: its count is read, never written). One lock guards
// the table: this is for counting, not timing.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define SLOTS (1 << 22)
typedef struct { uintptr_t object, caller; uint64_t count; int thread; } Entry;
static Entry *table;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static __thread int thread_id;
static int next_thread;

static void record(uintptr_t object, uintptr_t caller) {
  if (!object) return;
  if (!thread_id) thread_id = __sync_add_and_fetch(&next_thread, 1);
  pthread_mutex_lock(&lock);
  if (!table) table = calloc(SLOTS, sizeof(Entry));
  uint64_t h = (object * 0x9E3779B97F4A7C15ull) ^ (caller * 0xC2B2AE3D27D4EB4Full);
  for (uint64_t i = h & (SLOTS - 1);; i = (i + 1) & (SLOTS - 1)) {
    Entry *e = &table[i];
    if (e->object == object && e->caller == caller) {
      e->count++;
      if (e->thread != thread_id) e->thread = -1;
      break;
    }
    if (!e->object) { *e = (Entry){object, caller, 1, thread_id}; break; }
  }
  pthread_mutex_unlock(&lock);
}

// A bridge object is a tagged pointer: the top bit marks a non-object, the low bits and the
// top nibble carry flags.
static uintptr_t bridged(void *o) {
  uintptr_t v = (uintptr_t)o;
  return (v >> 63) ? 0 : (v & 0x0FFFFFFFFFFFFFF8ull);
}

typedef void *(*RetainFunction)(void *);
typedef void (*ReleaseFunction)(void *);

void *swift_retain(void *o) {
  static RetainFunction real;
  if (!real) real = (RetainFunction)dlsym(RTLD_NEXT, "swift_retain");
  record((uintptr_t)o, (uintptr_t)__builtin_return_address(0));
  return real(o);
}

void swift_release(void *o) {
  static ReleaseFunction real;
  if (!real) real = (ReleaseFunction)dlsym(RTLD_NEXT, "swift_release");
  record((uintptr_t)o, (uintptr_t)__builtin_return_address(0));
  real(o);
}

void *swift_bridgeObjectRetain(void *o) {
  static RetainFunction real;
  if (!real) real = (RetainFunction)dlsym(RTLD_NEXT, "swift_bridgeObjectRetain");
  record(bridged(o), (uintptr_t)__builtin_return_address(0));
  return real(o);
}

void swift_bridgeObjectRelease(void *o) {
  static ReleaseFunction real;
  if (!real) real = (ReleaseFunction)dlsym(RTLD_NEXT, "swift_bridgeObjectRelease");
  record(bridged(o), (uintptr_t)__builtin_return_address(0));
  real(o);
}

__attribute__((destructor)) static void dump(void) {
  const char *path = getenv("REFCOUNTS_OUT");
  if (!table || !path) return;
  FILE *f = fopen(path, "w");
  if (!f) return;
  for (uint64_t i = 0; i < SLOTS; i++) {
    Entry *e = &table[i];
    if (!e->object) continue;
    Dl_info caller, object;
    const char *library = "?";
    uintptr_t offset = e->caller;
    if (dladdr((void *)e->caller, &caller) && caller.dli_fname) {
      library = caller.dli_fname;
      offset = e->caller - (uintptr_t)caller.dli_fbase;
    }
    int in_image = dladdr((void *)e->object, &object) && object.dli_fname;
    fprintf(f, "%lx %s %lx %lu %d %d\n", (unsigned long)e->object, library, (unsigned long)offset,
            (unsigned long)e->count, e->thread, in_image);
  }
  fclose(f);
}
