/**
 * Checks that a public key can be trusted at all, before any signature is verified with it. Each returns a reason
 * (for a key error) or undefined. Pure arithmetic on the key's bytes; no key material is kept or reported.
 */

function toBigInt(bytes: Uint8Array, littleEndian = false): bigint {
  let n = 0n;
  if (littleEndian) for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]);
  else for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/** The bytes without leading zeros (a minimal unsigned big-endian integer). */
export function stripLeadingZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

export function bitLength(bytes: Uint8Array): number {
  const b = stripLeadingZeros(bytes);
  return b.length === 1 && b[0] === 0 ? 0 : (b.length - 1) * 8 + (32 - Math.clz32(b[0]));
}

/** The smallest modulus jose (and RFC 7518 §3.3) accepts for RS and PS algorithms. */
export const RSA_MIN_BITS = 2048;

// ROCA (CVE-2017-15361): primes made by Infineon's RSALib are 65537^a mod M plus a multiple of M, M the product of
// the first 39+ primes, so N mod each of those primes lies in the subgroup that 65537 generates. A random modulus
// passes that test for all of them with negligible probability (the published fingerprint, Nemec et al., CCS 2017).
const ROCA_PRIMES = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167];
const ROCA_SUBGROUPS = ROCA_PRIMES.map((p) => {
  const g = new Set<number>();
  for (let x = 1, gen = 65537 % p; !g.has(x); x = (x * gen) % p) g.add(x);
  return g;
});

/** Whether an RSA modulus has the ROCA fingerprint (its factors can be found). */
export function isRocaModulus(n: Uint8Array): boolean {
  const big = toBigInt(n);
  return ROCA_PRIMES.every((p, i) => ROCA_SUBGROUPS[i].has(Number(big % BigInt(p))));
}

/** Why an RSA public key (big-endian n and e, leading zeros allowed) must not be used, or undefined. */
export function rsaKeyProblem(n: Uint8Array, e: Uint8Array): string | undefined {
  const bits = bitLength(n);
  const eb = stripLeadingZeros(e);
  const ev = toBigInt(eb);
  if (ev < 3n) return `Its public exponent is ${ev}; it must be odd and at least 3 — with e = 1 anyone can forge a signature.`;
  if ((ev & 1n) === 0n) return `Its public exponent ${ev} is even; an RSA exponent must be odd (and at least 3).`;
  if (eb.length > 8) return 'Its public exponent is implausibly large (over 64 bits).';
  if ((n[n.length - 1] & 1) === 0) return 'Its modulus is even, so it is not the product of two odd primes: not an RSA key.';
  if (bits < RSA_MIN_BITS) return `Its modulus is ${bits} bits; RS*/PS* need at least ${RSA_MIN_BITS} (RFC 7518 §3.3).`;
  if (isRocaModulus(n)) return 'Its modulus has the ROCA fingerprint (CVE-2017-15361, Infineon RSALib): its private key can be computed from it. Replace the key.';
  return undefined;
}

// ---------- Ed25519 ----------

const P = 2n ** 255n - 19n;
/** d = −121665 / 121666 mod p (RFC 8032 §5.1). */
const D = mod(-121665n * inverse(121666n));

function mod(a: bigint): bigint {
  const r = a % P;
  return r < 0n ? r + P : r;
}

function power(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
  }
  return result;
}

function inverse(a: bigint): bigint {
  return power(a, P - 2n);
}

/**
 * Why an Ed25519 public key (its 32-byte RFC 8032 encoding) must not be used, or undefined: a non-canonical
 * encoding (y ≥ p, or x = 0 with the sign bit set) or a point of small order (order 1, 2, 4 or 8) — with such a key
 * a forged signature verifies for any message, in Node and in browsers alike. As libsodium's check, computed rather
 * than listed: the point is doubled three times (x² and y only, no square root needed); small order ends at the
 * identity.
 */
export function ed25519KeyProblem(encoded: Uint8Array): string | undefined {
  if (encoded.length !== 32) return `An Ed25519 public key is 32 bytes; this is ${encoded.length}.`;
  const bytes = Uint8Array.from(encoded);
  const sign = bytes[31] >> 7;
  bytes[31] &= 0x7f;
  const y = toBigInt(bytes, true);
  if (y >= P) return 'Its encoding is non-canonical (y ≥ 2^255 − 19): refused, as libsodium refuses it.';
  // x² = (y² − 1) / (d·y² + 1)
  let y2 = (y * y) % P;
  let xx = mod((y2 - 1n) * inverse(mod(D * y2 + 1n)));
  if (xx === 0n && sign === 1) return 'Its encoding is non-canonical (x = 0 with the sign bit set).';
  // Not on the curve when x² has no square root: Euler's criterion.
  if (xx !== 0n && power(xx, (P - 1n) / 2n) !== 1n) return 'It is not a point on the Ed25519 curve.';
  let yy = y;
  for (let i = 0; i < 3; i++) {
    if (xx === 0n && yy === 1n) break;
    // Doubling on −x² + y² = 1 + d·x²·y²: y' = (y² + x²) / (2 + x² − y²), x'² = 4x²y² / (y² − x²)²
    y2 = (yy * yy) % P;
    const diff = mod(y2 - xx);
    const nextY = mod(mod(y2 + xx) * inverse(mod(2n + xx - y2)));
    const nextXX = mod(4n * xx * y2 * inverse(mod(diff * diff)));
    yy = nextY;
    xx = nextXX;
  }
  if (xx === 0n && yy === 1n) return 'It is a point of small order: with it, a forged signature verifies for every message. Refused, as libsodium refuses it.';
  return undefined;
}
