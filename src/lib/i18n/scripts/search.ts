/** What search says: the header popup (search-panel.ts) and the results page (search-results.ts), with the answer card (result-item.ts). Strings scripts print: see ../fill.ts. */
import type { Lang } from '../langs.ts';
import type { Translation } from '../fill.ts';

const searchEn = {
  'search.searching': 'Searching…',
  'search.results': '{n} results for “{q}”',
  'search.resultsOne': '1 result for “{q}”',
  'search.fallback': 'Nothing matched the whole text; results for “{q}”.',
  'search.none': 'No results for “{q}”.',
  'search.noneHelp': 'Try the exception class or a few words of the message, or browse the symptom index.',
  'search.unavailable': 'The search index could not be loaded. Browse the symptom index instead.',
  'search.empty': 'Type a symptom, or paste an error message, a traceback or a log.',
  'search.known': 'Known error',
  'search.matchedOther': 'matched the Chinese text of this section',
  'search.truncated': 'The pasted text was long; only its last 100 KB were searched.',
  'search.openResults': 'See all results',
  'search.answer.title': 'What to do now',
  'search.answer.cause': 'Likely cause',
  'search.answer.check': 'First check:',
  'search.answer.step': 'Step by step',
  'search.answer.fix': 'The fix in the guide',
} as const;
export const searchStrings: Record<Lang, Translation<typeof searchEn>> = {
  en: searchEn,
  zh: {
    'search.searching': '正在搜索…',
    'search.results': '“{q}”的 {n} 个结果',
    'search.resultsOne': '“{q}”的 1 个结果',
    'search.fallback': '完整文本没有匹配；以下是“{q}”的结果。',
    'search.none': '没有找到“{q}”的结果。',
    'search.noneHelp': '试试异常类名或错误信息中的几个词，或浏览症状索引。',
    'search.unavailable': '无法加载搜索索引。请改为浏览症状索引。',
    'search.empty': '输入症状，或粘贴错误信息、traceback 或日志。',
    'search.known': '已知错误',
    'search.matchedOther': '匹配了本节的英文内容',
    'search.truncated': '粘贴的文本太长，只搜索了最后 100 KB。',
    'search.openResults': '查看全部结果',
    'search.answer.title': '现在该做什么',
    'search.answer.cause': '可能的原因',
    'search.answer.check': '先运行这个检查：',
    'search.answer.step': '逐步排查',
    'search.answer.fix': '指南中的修复方法',
  },
};
