#include "FuzzDriver.h"

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int digest_run_fuzzer(int argc, char **argv, digest_fuzz_callback callback) {
    return LLVMFuzzerRunDriver(&argc, &argv, callback);
}
