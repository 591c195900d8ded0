/* The version of the library itself, for programs linked against libprecis.so that want to know
 * which one the dynamic linker gave them. */
#include "precis.h"

const char *precis_version(void)
{
    return PRECIS_VERSION;
}

unsigned precis_version_number(void)
{
    return PRECIS_VERSION_NUMBER;
}
