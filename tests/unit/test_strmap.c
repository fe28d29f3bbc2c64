/*
 * test_strmap.c - the hash map of strmap.h: the published FNV-1a test
 * vectors, look-ups, replacement, NULL values, and growth past the first
 * table (keys that collide in a small table must all stay reachable).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "suites.h"
#include "util/strmap.h"

START_TEST(hash_is_fnv1a)
{
    if (sizeof(size_t) < 8)
        return;
    /* The 64-bit FNV-1a vectors of the FNV reference (isthe.com/chongo/tech/comp/fnv). */
    ck_assert_uint_eq(strmap_hash(""), (size_t)0xcbf29ce484222325ULL);
    ck_assert_uint_eq(strmap_hash("a"), (size_t)0xaf63dc4c8601ec8cULL);
    ck_assert_uint_eq(strmap_hash("foobar"), (size_t)0x85944171f73967e8ULL);
}
END_TEST

START_TEST(empty_map_finds_nothing)
{
    strmap m = STRMAP_INIT;
    const char *v = "untouched";
    ck_assert(!strmap_get(&m, "Akmola", &v));
    ck_assert_str_eq(v, "untouched");
    strmap_free(&m);
}
END_TEST

START_TEST(put_then_get_and_replace)
{
    strmap m = STRMAP_INIT;
    const char *v = NULL;
    strmap_put(&m, "Akmola", "KZ-AKM");
    strmap_put(&m, "г. Астана", "KZ-AST");
    ck_assert(strmap_get(&m, "Akmola", &v));
    ck_assert_str_eq(v, "KZ-AKM");
    ck_assert(strmap_get(&m, "г. Астана", &v));
    ck_assert_str_eq(v, "KZ-AST");
    ck_assert(!strmap_get(&m, "akmola", &v));          /* raw text: case matters */
    ck_assert(!strmap_get(&m, "Akmol", &v));
    strmap_put(&m, "Akmola", "KZ-11");                  /* replaced, not added */
    ck_assert(strmap_get(&m, "Akmola", &v));
    ck_assert_str_eq(v, "KZ-11");
    ck_assert_uint_eq(m.count, 2);
    strmap_free(&m);
    ck_assert_uint_eq(m.count, 0);
    ck_assert(!strmap_get(&m, "Akmola", &v));
}
END_TEST

START_TEST(null_value_marks_presence)
{
    strmap m = STRMAP_INIT;
    const char *v = "x";
    strmap_put(&m, "urban", NULL);
    ck_assert(strmap_get(&m, "urban", &v));
    ck_assert_ptr_null(v);
    ck_assert(strmap_get(&m, "urban", NULL));
    ck_assert(!strmap_get(&m, "rural", NULL));
    strmap_free(&m);
}
END_TEST

START_TEST(grows_and_keeps_every_key)
{
    /* 16 slots at first, doubled whenever more than half full: 1000 keys
     * need 2048 slots (1000 > 512, 1000 <= 1024). */
    strmap m = STRMAP_INIT;
    char key[16], value[16];
    for (int i = 0; i < 1000; i++) {
        snprintf(key, sizeof key, "R%04d", i);
        snprintf(value, sizeof value, "%d", i * 7);
        strmap_put(&m, key, value);
    }
    ck_assert_uint_eq(m.count, 1000);
    ck_assert_uint_eq(m.cap, 2048);
    for (int i = 0; i < 1000; i++) {
        const char *v = NULL;
        snprintf(key, sizeof key, "R%04d", i);
        snprintf(value, sizeof value, "%d", i * 7);
        ck_assert_msg(strmap_get(&m, key, &v), "%s lost", key);
        ck_assert_str_eq(v, value);
    }
    ck_assert(!strmap_get(&m, "R1000", NULL));
    strmap_free(&m);
}
END_TEST

Suite *strmap_suite(void)
{
    Suite *s = suite_create("strmap");
    TCase *tc = tcase_create("strmap");
    tcase_add_test(tc, hash_is_fnv1a);
    tcase_add_test(tc, empty_map_finds_nothing);
    tcase_add_test(tc, put_then_get_and_replace);
    tcase_add_test(tc, null_value_marks_presence);
    tcase_add_test(tc, grows_and_keeps_every_key);
    suite_add_tcase(s, tc);
    return s;
}
