/* demo.h -- the example data set of `lape demo`: the capital-region LAPE
 * project of 2016-2018 (seed 003: real municipalities and organisations,
 * invented people) and a lighter Ostrobothnian one, with some groups
 * complete and some not. */
#ifndef LAPE_DEMO_H
#define LAPE_DEMO_H

#include "lape/db.h"

/* The meta key that marks a file holding the example. */
#define DEMO_META_KEY "example"

/* Load the example into DB, which must hold reference data (any year that
 * has the municipalities; the LAPE year 2016 is meant) and no groups yet.
 * One transaction (a savepoint inside the caller's): all or nothing.
 * Returns LAPE_OK, or a lape_status with the message in db_errmsg():
 * LAPE_INVALID when the file already holds groups, with db_errfield()
 * DEMO_META_KEY when they are the example. */
int demo_load(struct lape_db *db);

#endif
