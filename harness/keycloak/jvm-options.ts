/**
 * JVM options that make a test server faster, each with what it changes. Both runtimes start with them
 * (the distribution's processes, the container's JAVA_OPTS_APPEND).
 */
export const testServerJavaOptions: readonly string[] = [
  // Only the quick JIT tier (a test server never runs long enough to profit from the optimising one), and
  // a heap sized for the start so that it does not grow step by step. Measured on 26.7.3, 2 cores: start
  // 13 s → 7.5–8.2 s; the optimising tier also cost more than it saved within a whole catalogue.
  '-XX:TieredStopAtLevel=1',
  '-Xms384m',
  // BouncyCastle (1.77 on, Keycloak 24 on) tests that an RSA key's modulus is not prime each time a key
  // provider loads the key: a Miller–Rabin round, one 2048-bit modular power in code the quick tier
  // compiles without BigInteger's intrinsics (37 ms here against 4 ms with the optimising tier), and its
  // cache of tested moduli keeps only the last eight. Every realm has a key of its own and every admin
  // request loads the master realm's: 13–15 % of Keycloak's CPU in a catalogue. Skipped here; its checks
  // for an even modulus and small prime factors stay. The one difference: a key whose modulus is prime,
  // which no key generator makes, would load here where a production Keycloak refuses it.
  '-Dorg.bouncycastle.rsa.max_mr_tests=0',
];
