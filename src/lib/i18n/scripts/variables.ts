/** What the variables panel says (variables-panel.ts): its messages, and the title of a placeholder without a value. Strings scripts print: see ../fill.ts. */
import type { Lang } from '../langs.ts';
import type { Translation } from '../fill.ts';

const variableEn = {
  'vars.error.format': 'Not a valid value for this field; the commands keep the placeholder.',
  'vars.error.unsafe': 'Contains control or invisible characters; not used.',
  'vars.error.leading-dash': 'Must not start with “-” (it would be read as an option); not used.',
  'vars.error.too-long': 'Too long; not used.',
  'vars.error.context': 'This value cannot be placed safely in one of the commands; that command keeps the placeholder.',
  'vars.slot': 'Placeholder: set “{label}” under Your values',
} as const;
export const variableStrings: Record<Lang, Translation<typeof variableEn>> = {
  en: variableEn,
  zh: {
    'vars.error.format': '不是这个字段的有效值；命令中保留占位符。',
    'vars.error.unsafe': '含有控制字符或不可见字符；未使用。',
    'vars.error.leading-dash': '不能以“-”开头（会被当作选项）；未使用。',
    'vars.error.too-long': '太长；未使用。',
    'vars.error.context': '这个值无法安全地放进某条命令；该命令保留占位符。',
    'vars.slot': '占位符：在“你的取值”中设置“{label}”',
  },
};
