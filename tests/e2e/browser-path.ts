/** The browser the tests drive: $CHROMIUM_PATH, or Debian's Chromium. */
export function browserPath(): string {
  return process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
}
