/*
 * Reference C loop for benchmark (a) of @muonphilic/stats: the extended unbinned NLL of a
 * fixed-shape double Crystal Ball signal + quadratic Chebyshev background on N events, computed
 * exactly as the package's fused path does (packed n x 4 basis matrix: signal density, T0, T1,
 * T2; mu_i = sum_m a_m B_im; log summed in blocks of 256 combined with Neumaier compensation).
 * Events are the deterministic grid x_i = low + (high - low)(i + 0.5)/N so that the JavaScript
 * benchmark (bench/run.mjs) evaluates the very same NLL; both print it.
 *
 *   gcc -O3 -o /tmp/nll_c nll_c.c -lm && /tmp/nll_c 1000000
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const double LOW = 2.85, HIGH = 3.15, MEAN = 3.0;

static double cb_tail(double t, double a, double n) { return exp(-0.5 * a * a - n * log1p(-(a / n) * (a + t))); }

/* Crystal Ball shape, tail on the low side for alpha > 0 (RooCBShape) */
static double cb(double x, double s, double alpha, double n) {
  double a = fabs(alpha), t = (x - MEAN) / s * (alpha > 0 ? 1 : -1);
  return t >= -a ? exp(-0.5 * t * t) : cb_tail(t, a, n);
}

/* integral over [t1, t2] of the CB in t (tail low), as cbIntegralT of the package */
static double cb_int_t(double t1, double t2, double a, double n) {
  double s = 0;
  if (t2 > -a) {
    double lo = t1 > -a ? t1 : -a;
    s += sqrt(2 * M_PI) * 0.5 * (erf(t2 / sqrt(2.0)) - erf(lo / sqrt(2.0)));
  }
  if (t1 < -a) {
    double te = t2 < -a ? t2 : -a, B = n / a - a, X = B - te, L = log((B - t1) / X), u = 1 - n;
    double ratio = fabs(u * L) < 1e-12 ? L : expm1(u * L) / u;
    s += cb_tail(te, a, n) * X * ratio;
  }
  return s;
}

static double cb_norm(double s, double alpha, double n) {
  double a = fabs(alpha), t1 = (LOW - MEAN) / s, t2 = (HIGH - MEAN) / s;
  return s * (alpha > 0 ? cb_int_t(t1, t2, a, n) : cb_int_t(-t2, -t1, a, n));
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000000;
  int reps = argc > 2 ? atoi(argv[2]) : 0;
  const int M = 4;
  double *B = malloc(sizeof(double) * n * M);
  double s1 = 0.005, a1 = 1.5, n1 = 3, s2 = 0.009, a2 = 2.5, n2 = 2, f1 = 0.65;
  double N1 = cb_norm(s1, a1, n1), N2 = cb_norm(s2, a2, n2);
  double half = 0.5 * (HIGH - LOW), mid = 0.5 * (HIGH + LOW);
  for (long i = 0; i < n; i++) {
    double x = LOW + (HIGH - LOW) * (i + 0.5) / n, u = (x - mid) / half;
    B[i * M] = f1 * cb(x, s1, a1, n1) / N1 + (1 - f1) * cb(x, s2, a2, n2) / N2;
    B[i * M + 1] = 1;
    B[i * M + 2] = u;
    B[i * M + 3] = 2 * u * u - 1;
  }
  /* parameters: Ns, Nb, c1, c2 ; background integral I = half (2 + c2 * 2/(1-4)) */
  double Ns = 0.02 * n, Nb = 0.98 * n, c1 = -0.2, c2 = 0.05;
  double I = half * (2 - 2.0 / 3 * c2);
  double nll = 0;
  if (reps <= 0) reps = n >= 1000000 ? 200 : 20000;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int r = 0; r < reps; r++) {
    double ns = Ns * (1 + 1e-12 * r); /* defeat loop-invariant hoisting across repetitions */
    double a0 = ns, a1c = Nb / I, a2c = Nb * c1 / I, a3c = Nb * c2 / I;
    double sum = 0, comp = 0;
    for (long start = 0; start < n; start += 256) {
      long end = start + 256 < n ? start + 256 : n;
      double s = 0;
      for (long i = start; i < end; i++) {
        const double *row = B + i * M;
        s += log(a0 * row[0] + a1c * row[1] + a2c * row[2] + a3c * row[3]);
      }
      double t = sum + s;
      comp += fabs(sum) >= fabs(s) ? (sum - t) + s : (s - t) + sum;
      sum = t;
    }
    nll = ns + Nb - (sum + comp);
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double sec = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  printf("{\"events\": %ld, \"reps\": %d, \"seconds\": %.6f, \"evals_per_s\": %.3f, \"ns_per_event\": %.3f, \"nll_last\": %.17g}\n",
         n, reps, sec, reps / sec, sec / reps / n * 1e9, nll);
  free(B);
  return 0;
}
