// libFuzzer's driver, called from each fuzz target's `main` (SwiftPM names the entry point of an
// executable itself, so libFuzzer's own `main` cannot be used).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
