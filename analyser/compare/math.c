/* Long double logarithm, exponential and log-factorial without libm (see
 * include/compare_math.h). Range reduction by exact powers of two, then
 * series that converge fast on the reduced range. */
#include "compare_math.h"

#include <math.h> /* INFINITY and NAN only: constants, no libm call */

/* ln 2 split so that k * LN2_HI is exact for |k| < 2^19 (45 bits). */
#define LN2_HI 0x1.62e42fefa38p-1L
#define LN2_LO 5.4979230187083711747124716125134360255e-14L
#define SQRT2 1.41421356237309504880168872420969807857L

/* x * 2^k, exactly (unless it overflows or underflows). */
static long double scale2(long double x, long k)
{
	for (; k >= 64; k -= 64)
		x *= 0x1p64L;
	for (; k <= -64; k += 64)
		x *= 0x1p-64L;
	long double p = 1, b = 2;
	for (unsigned long n = (unsigned long)(k < 0 ? -k : k); n; n >>= 1, b *= b)
		if (n & 1)
			p *= b;
	return k < 0 ? x / p : x * p;
}

/* 2 atanh(s) = ln((1 + s) / (1 - s)), for |s| <= 0.18. */
static long double two_atanh(long double s)
{
	long double s2 = s * s, power = s, sum = 0;
	for (int k = 1; k < 200; k += 2) {
		long double next = sum + power / k;
		if (next == sum)
			break;
		sum = next;
		power *= s2;
	}
	return 2 * sum;
}

long double ld_log(long double x)
{
	if (!(x > 0))
		return x == 0 ? -INFINITY : NAN;
	if (x == INFINITY)
		return x;
	long e = 0;
	for (; x >= 0x1p64L; e += 64)
		x *= 0x1p-64L;
	for (; x < 1; e -= 64)
		x *= 0x1p64L;
	for (; x >= 2; e++)
		x *= 0.5L;
	if (x > SQRT2) { /* into [sqrt(1/2), sqrt(2)) */
		x *= 0.5L;
		e++;
	}
	/* ln x = 2 atanh((x - 1)/(x + 1)); x - 1 is exact here */
	return two_atanh((x - 1) / (x + 1)) + (long double)e * LN2_LO + (long double)e * LN2_HI;
}

long double ld_log1p(long double x)
{
	if (x > -0.25L && x < 0.25L)
		return two_atanh(x / (2 + x));
	return ld_log(1 + x);
}

long double ld_exp(long double x)
{
	if (x != x)
		return x;
	if (x > 11357)
		return INFINITY;
	if (x < -11400)
		return 0;
	long k = (long)(x / LD_LN2 + (x >= 0 ? 0.5L : -0.5L));
	long double r = (x - (long double)k * LN2_HI) - (long double)k * LN2_LO; /* |r| <= ln2 / 2 */
	long double term = 1, sum = 1;
	for (int n = 1; n < 60; n++) {
		term *= r / n;
		long double next = sum + term;
		if (next == sum)
			break;
		sum = next;
	}
	return scale2(sum, k);
}

long double ld_log_factorial(uint64_t m)
{
	if (m <= 20) { /* 20! < 2^63: the product is exact */
		uint64_t f = 1;
		for (uint64_t i = 2; i <= m; i++)
			f *= i;
		return ld_log((long double)f);
	}
	/* Stirling's series for lgamma(x), x = m + 1 > 21: the first term left
	 * out, 3617/(122400 x^15), is below 1e-21 */
	static const long double c[] = { 1.0L / 12, -1.0L / 360, 1.0L / 1260, -1.0L / 1680, 1.0L / 1188,
					 -691.0L / 360360, 1.0L / 156 };
	long double x = (long double)m + 1, inv = 1 / x, inv2 = inv * inv, series = 0;
	for (int i = (int)(sizeof(c) / sizeof(c[0])) - 1; i >= 0; i--)
		series = series * inv2 + c[i];
	return (x - 0.5L) * ld_log(x) - x + LD_LN_2PI / 2 + series * inv;
}

long double ld_floor(long double x)
{
	if (!(x > -0x1p63L && x < 0x1p63L))
		return x; /* an integer already, or not a number */
	long double t = (long double)(long long)x;
	return t > x ? t - 1 : t;
}
