/**
 * "This did not solve my problem" on a guide page: a prefilled issue on the project's tracker
 * naming the page, its section and the reader's language, built at build time (a plain link: no
 * script, no cookie, no request until the reader follows it). Shaped like the triage summary
 * (src/lib/decision-tree/summary.ts): Markdown in the page language.
 */

/** The issue's words in the page language (the i18n keys `feedback.*`). */
export interface FeedbackWords {
  /** The title, with `{section}` and `{title}`. */
  title: string;
  page: string;
  language: string;
  tried: string;
  saw: string;
}

export interface FeedbackInput {
  /** The tracker's "new issue" address. */
  issuesNew: string;
  /** The page's absolute address. */
  url: string;
  section: string;
  title: string;
  /** The page language, as `<html lang>` names it, and its name. */
  lang: string;
  langName: string;
  words: FeedbackWords;
}

/**
 * A query value with only what the query syntax needs percent-encoded (ASCII punctuation, spaces,
 * line breaks, invisible characters). Other characters stay as they are: the browser encodes them
 * as UTF-8 when the link is followed, and in the page they weigh a third of `%E6%85%A2`.
 */
export function queryValue(text: string): string {
  let out = '';
  for (const ch of text) out += ch > '\u007f' && !/[\p{C}\p{Z}]/u.test(ch) ? ch : encodeURIComponent(ch);
  return out;
}

export function feedbackIssueUrl({ issuesNew, url, section, title, lang, langName, words: w }: FeedbackInput): string {
  // The section is the title's; the body names the page and the language, then asks.
  const body = [`- ${w.page}: ${url}`, `- ${w.language}: ${langName} (${lang})`, '', `### ${w.tried}`, '', '', `### ${w.saw}`, ''].join('\n');
  const issueTitle = w.title.replace('{section}', section).replace('{title}', title);
  return `${issuesNew}?title=${queryValue(issueTitle)}&body=${queryValue(body)}`;
}
