// Small dense symmetric linear algebra on Float64Array (row-major n×n).
// Cholesky factorisation and inversion as in Golub & Van Loan, "Matrix Computations",
// 4th ed., §4.2. Used for the team-effect normal equations and Newton steps.

/** In-place Cholesky factorisation A = L Lᵀ (lower triangle). Returns false if not positive definite. */
export function cholesky(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j] ?? 0;
    for (let k = 0; k < j; k++) {
      const l = a[j * n + k] ?? 0;
      d -= l * l;
    }
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (a[i * n + k] ?? 0) * (a[j * n + k] ?? 0);
      a[i * n + j] = s / ljj;
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = 0;
  return true;
}

/** Solves L Lᵀ x = b given the Cholesky factor. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] ?? 0;
    for (let k = 0; k < i; k++) s -= (l[i * n + k] ?? 0) * (y[k] ?? 0);
    y[i] = s / (l[i * n + i] ?? 1);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] ?? 0;
    for (let k = i + 1; k < n; k++) s -= (l[k * n + i] ?? 0) * (x[k] ?? 0);
    x[i] = s / (l[i * n + i] ?? 1);
  }
  return x;
}

/** Inverse of a symmetric positive definite matrix, or null if it is not positive definite. */
export function spdInverse(a: Float64Array, n: number): Float64Array | null {
  const l = Float64Array.from(a);
  if (!cholesky(l, n)) return null;
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, n, e);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i] ?? 0;
  }
  return inv;
}

/** Solves A x = b for symmetric positive definite A, or null. */
export function spdSolve(a: Float64Array, n: number, b: Float64Array): Float64Array | null {
  const l = Float64Array.from(a);
  if (!cholesky(l, n)) return null;
  return choleskySolve(l, n, b);
}
