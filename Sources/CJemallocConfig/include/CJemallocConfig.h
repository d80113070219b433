// The tce binary's jemalloc settings; see jemalloc_config.c.
extern const char *malloc_conf;
