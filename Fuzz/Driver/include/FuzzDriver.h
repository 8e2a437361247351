#ifndef DIGEST_FUZZ_DRIVER_H
#define DIGEST_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

typedef int (*digest_fuzz_callback)(const uint8_t *data, size_t size);

/// Runs libFuzzer's driver with the command line and one test function. SwiftPM renames an
/// executable's main, which keeps libFuzzer's own main out of the link; this calls it instead.
int digest_run_fuzzer(int argc, char **argv, digest_fuzz_callback callback);

#endif
