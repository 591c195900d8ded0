/* libFuzzer harness: precis batch's line reader (precis_cli_read_line(), src/cli/reader.c,
 * compiled in here) on any bytes, the limit chosen by the first byte. Every line it gives is
 * the input's next line, kept whole when it fits the limit and not at all when it does not,
 * and the lines with their newlines add up to the input: nothing lost, nothing invented; told
 * to, it stops at the first NUL byte, exactly there. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/cli/reader.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t limit = data[0] == 0xFF ? SIZE_MAX : data[0] >> 1; // 0 keeps nothing
    bool nul_stops = data[0] & 1;
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    if (len == 0)
        return 0; // fmemopen cannot make an empty stream
    FILE *in = fmemopen((void *)(uintptr_t)text, len, "r");
    if (in == NULL)
        return 0;
    precis_cli_buf b = {0};
    size_t pos = 0, line_len;
    int got;
    while ((got = precis_cli_read_line(in, &b, limit, nul_stops, &line_len)) > 0) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t want = nl ? (size_t)(nl - (text + pos)) : len - pos;
        const char *nul = memchr(text + pos, '\0', want);
        if (got == 2) { // stopped at the line's first NUL byte, and only then
            if (!nul_stops || nul == NULL || line_len != (size_t)(nul - (text + pos)))
                abort();
            break;
        }
        if (nul_stops && nul != NULL)
            abort();
        if (line_len != want)
            abort();
        if (want <= limit ? (b.len != want || (want && memcmp(b.data, text + pos, want) != 0))
                          : b.len > limit)
            abort();
        if (b.cap > (limit == SIZE_MAX ? SIZE_MAX : limit + 2) && b.cap > 4096)
            abort(); // memory follows the limit, not the line
        pos += want + (nl != NULL);
    }
    if (got < 0 || (got == 0 && pos != len))
        abort();
    free(b.data);
    fclose(in);
    return 0;
}
