/* The hypergeometric upper tail: how likely an overlap at least this large
 * is if the hits were drawn at random from the population, unrelated to the
 * exposure. Computed in log space, so that it stays right far below the
 * smallest double (1e-308). */
#ifndef EXPOSURE_HYPERGEOM_H
#define EXPOSURE_HYPERGEOM_H

#include <stddef.h>
#include <stdint.h>

/* Above this population size the log of the first term comes from Loader's
 * saddle-point form instead of lgamma differences: lgamma(N + 1) is about
 * N ln N, and only its absolute error survives the differences. Up to 1e4
 * that stays below 1e-10 of the result even where long double is no wider
 * than double (valgrind runs it so; some platforms have it so). */
#define HYPERGEOM_LGAMMA_MAX UINT64_C(10000)

/* ln 10, for log10 p. */
#define HYPERGEOM_LN10 2.302585092994045684017991454684364207601L

/* ln P(X >= k) for X ~ Hypergeometric(N, K, n): a population of N of which
 * K are marked, n drawn without replacement. 0 when k is at most the least
 * possible value (P = 1), -INFINITY when k is more than min(K, n) (P = 0).
 * Returns 0, or -1 when K > N or n > N (*log_p untouched). */
int hypergeom_log_upper_tail(uint64_t N, uint64_t K, uint64_t n, uint64_t k, long double *log_p);

/* ln P(X = x), the first term; -INFINITY outside the support. Exposed for
 * the tests; the same preconditions as above. */
long double hypergeom_log_pmf(uint64_t N, uint64_t K, uint64_t n, uint64_t x);

/* A probability given as its natural log, as text that survives values
 * below 1e-308: "1", "0", "0.523", "0.000123" and below 1e-4 "3.21e-305"
 * (`digits` significant digits, 1 to 18). */
void hypergeom_format_p(long double log_p, int digits, char *buf, size_t size);

#endif
