/* The few long double functions the hypergeometric tail needs, written
 * here because the build links no libm (the Makefile's libraries are the
 * pkg-config ones; -lm is not among them). Each is within a few units in
 * the last place of glibc's logl, expl, log1pl and lgammal over the ranges
 * used; the compare suite checks them against those. */
#ifndef EXPOSURE_COMPARE_MATH_H
#define EXPOSURE_COMPARE_MATH_H

#include <stdint.h>

#define LD_LN2 0.6931471805599453094172321214581765680755L
#define LD_LN10 2.302585092994045684017991454684364207601L
#define LD_LN_2PI 1.837877066409345483560659472811235279723L

/* ln x; -INFINITY for 0; NaN below 0. */
long double ld_log(long double x);
/* ln(1 + x), exact near 0. */
long double ld_log1p(long double x);
/* e^x; 0 below about -11400, INFINITY above about 11356. */
long double ld_exp(long double x);
/* ln(m!) = lgamma(m + 1). */
long double ld_log_factorial(uint64_t m);
/* The largest integer not above x. */
long double ld_floor(long double x);

#endif
