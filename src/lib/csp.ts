/**
 * The Content-Security-Policy of every page, sent as a <meta> tag (a static host may add it as a
 * header too). Every script and every stylesheet is a file from this site ('self'): nothing
 * inline, so no hashes and no 'unsafe-inline' anywhere. The dist tests fail if an inline script,
 * a <style> element, a style attribute or 'unsafe-inline' ever appears, and the browser tests if
 * a page reports a violation.
 * - 'wasm-unsafe-eval': Pagefind compiles its search core from WebAssembly.
 * - style-src 'self': code colours are classes (src/lib/code-style.ts), not style attributes.
 * - worker-src 'self': Pagefind's worker and the offline service worker.
 * frame-ancestors cannot be set from a <meta> tag; set it as a header where the host allows.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
