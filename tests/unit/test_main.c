/*
 * test_main.c - runs every unit-test suite of oblys with Check.
 * Exit status is non-zero when any test fails.
 */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
    SRunner *runner = srunner_create(csv_suite());
    srunner_add_suite(runner, number_suite());
    srunner_add_suite(runner, migrate_suite());
    srunner_add_suite(runner, views_suite());
    srunner_add_suite(runner, stats_suite());
    srunner_add_suite(runner, namekey_suite());
    srunner_add_suite(runner, inequality_suite());
    srunner_add_suite(runner, sql_suite());
    srunner_add_suite(runner, strmap_suite());
    srunner_add_suite(runner, progress_suite());
    srunner_add_suite(runner, index_suite());
    srunner_add_suite(runner, cube_status_suite());
    srunner_add_suite(runner, store_suite());
    srunner_add_suite(runner, date_suite());
    srunner_add_suite(runner, cell_text_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
