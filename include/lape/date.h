/* date.h -- calendar dates as the user types them and as they are stored. */
#ifndef LAPE_DATE_H
#define LAPE_DATE_H

#include <stddef.h>

/* Parse "2016-10-01" or the Finnish "1.10.2016" (also "01.10.2016", and
 * with a two-digit year "1.10.16", read as 2016) into ISO form in OUT (at
 * least 11 bytes).  Leading and trailing blanks are ignored.  Returns 0,
 * or -1 when S is not a real calendar date. */
int date_parse(const char *s, char out[11]);

/* Today's date in ISO form.  LAPE_TODAY in the environment overrides the
 * clock, so that tests are independent of the day they run. */
void date_today(char out[11]);

/* Format an ISO date for display in the language in use: "1.10.2016" in
 * Finnish and Swedish, "2016-10-01" in English.  Empty for NULL or "". */
void date_show(const char *iso, char out[11]);

#endif
