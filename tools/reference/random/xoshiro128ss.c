/* Reference xoshiro128** 1.1 (Blackman & Vigna, public domain, https://prng.di.unimi.it/xoshiro128starstar.c)
   and splitmix32 seeding, used to generate packages/random/test/fixtures/xoshiro128ss.json.
   Build and run: gcc -O2 -o /tmp/x xoshiro128ss.c && /tmp/x > ../../../packages/random/test/fixtures/xoshiro128ss.json */
#include <stdint.h>
#include <stdio.h>
static inline uint32_t rotl(const uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static uint32_t s[4];
uint32_t next(void) {
  const uint32_t result = rotl(s[1] * 5, 7) * 9;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
  s[2] ^= t; s[3] = rotl(s[3], 11);
  return result;
}
int main(void) {
  s[0] = 1; s[1] = 2; s[2] = 3; s[3] = 4;
  printf("{\n  \"source\": \"tools/reference/random/xoshiro128ss.c: the reference C implementation of xoshiro128** 1.1 by Blackman and Vigna\",\n");
  printf("  \"state\": [1, 2, 3, 4],\n  \"outputs\": [");
  for (int i = 0; i < 32; i++) printf("%s%u", i ? ", " : "", next());
  printf("],\n");
  /* the 53-bit double built as in random.ts: ((a >> 5) * 2^26 + (b >> 6)) * 2^-53 */
  s[0] = 1; s[1] = 2; s[2] = 3; s[3] = 4;
  printf("  \"doubles\": [");
  for (int i = 0; i < 8; i++) {
    uint32_t a = next() >> 5, b = next() >> 6;
    double d = ((double)a * 67108864.0 + (double)b) * (1.0 / 9007199254740992.0);
    printf("%s%.17g", i ? ", " : "", d);
  }
  printf("]\n}\n");
  return 0;
}
