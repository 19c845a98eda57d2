/* fuzz.h -- what the fuzz harnesses of the core's parsers share.  Each
 * tests/fuzz/fuzz-NAME.c defines LLVMFuzzerTestOneInput(); make fuzz links
 * it with libFuzzer (clang), make check with tests/fuzz/regress.c, which
 * feeds it the seed corpus and every input a crash was found with. */
#ifndef LAPE_FUZZ_H
#define LAPE_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop at once on a broken promise: libFuzzer keeps the input, and make
 * check's driver dies (so the test fails) rather than counting on. */
#define FUZZ_ASSERT(cond)                                                      \
	do {                                                                   \
		if (!(cond))                                                   \
			fuzz_fail(__FILE__, __LINE__, #cond);                  \
	} while (0)

void fuzz_fail(const char *file, int line, const char *what)
    __attribute__((noreturn));

/* A private directory for the harness's files, made once and removed at
 * exit. */
const char *fuzz_tmpdir(void);

/* Write the SIZE bytes at DATA to PATH (replacing it). */
void fuzz_write(const char *path, const void *data, size_t size);

/* A copy of the SIZE bytes at DATA with a NUL after them; free() it. */
char *fuzz_string(const uint8_t *data, size_t size);

/* share/lape of the source tree: $LAPE_SHARE, else the one built in. */
const char *fuzz_share(void);

#endif
