/**
 * The Content-Security-Policy of every page, sent as a <meta> tag (a static host may add it as a
 * header too). Every script is a file from this site ('self'): nothing inline, so no hashes and
 * no 'unsafe-inline' for scripts; a dist test fails if an inline script ever appears.
 * - 'wasm-unsafe-eval': Pagefind compiles its search core from WebAssembly.
 * - style-src 'unsafe-inline': Shiki colours code tokens with style attributes, which CSP cannot
 *   allow by hash. Styles cannot run code; scripts stay strict.
 * - worker-src 'self': Pagefind's worker and the offline service worker.
 * frame-ancestors cannot be set from a <meta> tag; set it as a header where the host allows.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
