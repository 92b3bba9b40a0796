/** What the copy button of every code block says (copy-button.ts; the server prints the button itself). Strings scripts print: see ../fill.ts. */
import type { Lang } from '../langs.ts';
import type { Translation } from '../fill.ts';

const copyEn = {
  'code.copy': 'Copy',
  'code.copied': 'Copied',
  'code.copyFailed': 'Copy failed: select the text and copy it by hand',
  'code.copyLabel': 'Copy code to clipboard',
} as const;
export const copyStrings: Record<Lang, Translation<typeof copyEn>> = {
  en: copyEn,
  zh: {
    'code.copy': '复制',
    'code.copied': '已复制',
    'code.copyFailed': '复制失败：请手动选中文本复制',
    'code.copyLabel': '复制代码到剪贴板',
  },
};
