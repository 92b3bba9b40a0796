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

/**
 * The policy a page carries: the one above, except under `astro dev`, where Vite injects every
 * stylesheet as a <style> element (and updates it in place), which the policy refuses, so dev
 * pages would show unstyled. The build never carries this exception; the dist tests check it.
 */
export function pagePolicy(dev: boolean): string {
  return dev ? CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'") : CONTENT_SECURITY_POLICY;
}
