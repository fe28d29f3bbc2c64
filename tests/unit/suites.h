/*
 * suites.h - the Check suites of oblys's unit tests, one per module.
 * test_main.c runs them all; each test_*.c file defines one.
 */
#ifndef OBLYS_TEST_SUITES_H
#define OBLYS_TEST_SUITES_H

#include <check.h>

Suite *csv_suite(void);
Suite *number_suite(void);
Suite *migrate_suite(void);
Suite *views_suite(void);
Suite *stats_suite(void);
Suite *namekey_suite(void);
Suite *inequality_suite(void);
Suite *sql_suite(void);
Suite *strmap_suite(void);
Suite *progress_suite(void);
Suite *index_suite(void);
Suite *cube_status_suite(void);
Suite *store_suite(void);
Suite *date_suite(void);
Suite *cell_text_suite(void);

#endif
