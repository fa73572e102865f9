/* The hypergeometric upper tail in log space (see include/hypergeom.h).
 *
 * P(X >= k) = P(X = k) * (1 + r_k + r_k r_{k+1} + ...), with the ratio
 * r_x = P(x+1)/P(x) = (K-x)(n-x) / ((x+1)(N-K-n+x+1)): only the first term
 * needs logarithms, the sum is relative to it and never underflows. Above
 * the mode the ratios fall below 1 and keep falling, so the sum converges
 * fast and the rest of it is bounded by a geometric series. At or below the
 * mode the tail is 1 minus the lower tail, summed downwards the same way.
 *
 * The first term's log: ln C(K,x) + ln C(N-K,n-x) - ln C(N,n). Up to
 * HYPERGEOM_LGAMMA_MAX from log-factorials, lgamma(m + 1) in long double
 * (libm's lgammal). Each is about N ln N, and differences of such values keep
 * only their absolute error, N ln N * 2^-63: 1e-12 relative at N = 1e6,
 * 1e-9 at N = 1e9 (measured against exact values), and 1e-9 already at
 * N = 1e6 where long double is only as wide as double (under valgrind).
 * Above it the term comes from Catherine Loader's saddle-point form ("Fast
 * and accurate computation of binomial probabilities", 2000; R's dhyper):
 * ratios of binomial densities written with Stirling's error term and the
 * deviance bd0, whose parts are each of the size of the result, not of
 * N ln N (below 1e-15 relative on the same cases, 1e-12 in double).
 */
#include "hypergeom.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define LN_2PI 1.837877066409345483560659472811235279723L

/* ln(m!) = lgamma(m + 1). */
static long double log_factorial(uint64_t m)
{
	return lgammal((long double)m + 1);
}

/* The sum stops when what is left of it is below this share of it. */
#define TAIL_REST_SHARE 1e-24L

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* The least value X can take: max(0, n - (N - K)). */
static uint64_t support_low(uint64_t N, uint64_t K, uint64_t n)
{
	return n > N - K ? n - (N - K) : 0;
}

/* ---- the first term, from log-factorials --------------------------------- */

static long double log_choose_lgamma(uint64_t a, uint64_t b)
{
	return log_factorial(a) - log_factorial(b) - log_factorial(a - b);
}

static long double log_pmf_lgamma(uint64_t N, uint64_t K, uint64_t n, uint64_t x)
{
	return log_choose_lgamma(K, x) + log_choose_lgamma(N - K, n - x) - log_choose_lgamma(N, n);
}

/* ---- the first term, Loader's way --------------------------------------- */

/* ln(m!) - ln(sqrt(2 pi m) (m/e)^m), Stirling's error; 0 for m = 0. */
static long double stirling_error(uint64_t m)
{
	long double lm = (long double)m;
	if (m == 0)
		return 0;
	if (m < 100) /* the values are small: the log-factorial's own error stays small */
		return log_factorial(m) - (lm + 0.5L) * logl(lm) + lm - LN_2PI / 2;
	/* the asymptotic series; the next term is below 1e-25 here */
	const long double s0 = 1.0L / 12, s1 = 1.0L / 360, s2 = 1.0L / 1260, s3 = 1.0L / 1680, s4 = 1.0L / 1188;
	long double m2 = lm * lm;
	return (s0 - (s1 - (s2 - (s3 - s4 / m2) / m2) / m2) / m2) / lm;
}

/* The deviance x ln(x/M) + M - x, without cancellation when x is near M. */
static long double deviance(long double x, long double M)
{
	long double gap = x > M ? x - M : M - x;
	if (gap >= 0.1L * (x + M))
		return x * logl(x / M) + M - x;
	long double v = (x - M) / (x + M), s = (x - M) * v, ej = 2 * x * v;
	for (int j = 1; j < 1000; j++) {
		ej *= v * v;
		long double next = s + ej / (2 * j + 1);
		if (next == s)
			break;
		s = next;
	}
	return s;
}

/* ln of the binomial density of x in m trials with success chance p = 1 - q. */
static long double log_binom_density(uint64_t x, uint64_t m, long double p, long double q)
{
	long double lx = (long double)x, lm = (long double)m;
	if (x == 0)
		return m == 0 ? 0 : p < 0.1L ? -deviance(lm, lm * q) - lm * p : lm * logl(q);
	if (x == m)
		return q < 0.1L ? -deviance(lm, lm * p) - lm * q : lm * logl(p);
	long double lc = stirling_error(m) - stirling_error(x) - stirling_error(m - x) - deviance(lx, lm * p) -
			 deviance(lm - lx, lm * q);
	long double lf = LN_2PI + logl(lx) + log1pl(-lx / lm);
	return lc - lf / 2;
}

/* P(X = x) = b(x; K, p) b(n - x; N - K, p) / b(n; N, p) for any p; with
 * p = n / N the denominator's deviances vanish. */
static long double log_pmf_loader(uint64_t N, uint64_t K, uint64_t n, uint64_t x)
{
	long double p = (long double)n / (long double)N, q = (long double)(N - n) / (long double)N;
	return log_binom_density(x, K, p, q) + log_binom_density(n - x, N - K, p, q) - log_binom_density(n, N, p, q);
}

long double hypergeom_log_pmf(uint64_t N, uint64_t K, uint64_t n, uint64_t x)
{
	if (K > N || n > N || x < support_low(N, K, n) || x > min_u64(K, n))
		return -INFINITY;
	if (N <= HYPERGEOM_LGAMMA_MAX)
		return log_pmf_lgamma(N, K, n, x);
	return log_pmf_loader(N, K, n, x);
}

/* ---- the sums ------------------------------------------------------------- */

/* 1 + r_k + r_k r_{k+1} + ... up to x = hi, for k above the mode. */
static long double sum_upwards(uint64_t N, uint64_t K, uint64_t n, uint64_t k, uint64_t hi)
{
	long double term = 1, sum = 1;
	long double rest0 = (long double)(N - K) - (long double)n; /* exact: integers below 2^64 */
	for (uint64_t x = k; x < hi; x++) {
		long double denom = ((long double)x + 1) * (rest0 + (long double)x + 1);
		long double ratio = (long double)(K - x) * (long double)(n - x) / denom;
		term *= ratio;
		sum += term;
		if (ratio < 1 && term * ratio / (1 - ratio) < sum * TAIL_REST_SHARE)
			break;
	}
	return sum;
}

/* 1 + P(k-1)/P(k) + ... down to x = lo, for the lower tail from k. */
static long double sum_downwards(uint64_t N, uint64_t K, uint64_t n, uint64_t k, uint64_t lo)
{
	long double term = 1, sum = 1;
	for (uint64_t x = k; x > lo; x--) {
		/* P(x-1)/P(x) = x (N-K-n+x) / ((K-x+1)(n-x+1)); N-K-n+x > 0 above lo */
		long double others = (long double)(N - K) - (long double)(n - x);
		long double ratio = (long double)x * others / ((long double)(K - x + 1) * (long double)(n - x + 1));
		term *= ratio;
		sum += term;
		if (ratio < 1 && term * ratio / (1 - ratio) < sum * TAIL_REST_SHARE)
			break;
	}
	return sum;
}

/* The mode, floor((n+1)(K+1)/(N+2)); off by one for huge values at worst,
 * which only moves the choice of the side to sum, not the result. */
static uint64_t mode_of(uint64_t N, uint64_t K, uint64_t n)
{
	long double m = floorl(((long double)n + 1) * ((long double)K + 1) / ((long double)N + 2));
	return (uint64_t)m;
}

int hypergeom_log_upper_tail(uint64_t N, uint64_t K, uint64_t n, uint64_t k, long double *log_p)
{
	if (K > N || n > N)
		return -1;
	uint64_t lo = support_low(N, K, n), hi = min_u64(K, n);
	if (k <= lo) {
		*log_p = 0;
		return 0;
	}
	if (k > hi) {
		*log_p = -INFINITY;
		return 0;
	}
	if (k > mode_of(N, K, n)) {
		*log_p = hypergeom_log_pmf(N, K, n, k) + logl(sum_upwards(N, K, n, k, hi));
		return 0;
	}
	/* P(X >= k) = 1 - P(X <= k - 1), and the lower tail is at most about 1/2 */
	long double lower = expl(hypergeom_log_pmf(N, K, n, k - 1)) * sum_downwards(N, K, n, k - 1, lo);
	*log_p = lower >= 1 ? -INFINITY : log1pl(-lower);
	return 0;
}

/* ---- formatting ----------------------------------------------------------- */

/* "3.21" from 3.2100 and "3" from 3.00: trailing zeros dropped, as %g does. */
static void drop_trailing_zeros(char *s)
{
	if (!strchr(s, '.'))
		return;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[n - 1] = '\0';
}

void hypergeom_format_p(long double log_p, int digits, char *buf, size_t size)
{
	if (digits < 1)
		digits = 1;
	if (digits > 18)
		digits = 18;
	if (log_p == -INFINITY) {
		snprintf(buf, size, "0");
		return;
	}
	long double log10_p = log_p / HYPERGEOM_LN10;
	if (log10_p >= -4) {
		snprintf(buf, size, "%.*Lg", digits, expl(log_p));
		return;
	}
	long double exponent = floorl(log10_p), mantissa = expl((log10_p - exponent) * HYPERGEOM_LN10);
	char m[64];
	snprintf(m, sizeof(m), "%.*Lf", digits - 1, mantissa);
	if (strncmp(m, "10", 2) == 0) { /* 9.996 rounded up to 10.0 */
		exponent += 1;
		snprintf(m, sizeof(m), "%.*Lf", digits - 1, 1.0L);
	}
	drop_trailing_zeros(m);
	snprintf(buf, size, "%se-%02.0Lf", m, -exponent);
}
