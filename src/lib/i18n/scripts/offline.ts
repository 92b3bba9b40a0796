/** What the offline notice says (offline-client.ts). Strings scripts print: see ../fill.ts. */
import type { Lang } from '../langs.ts';
import type { Translation } from '../fill.ts';

const offlineEn = {
  'offline.offline': 'You are offline. Every guide page, triage step and search in this language works from this device.',
  'offline.offlineNotReady': 'You are offline. Pages you have not opened yet may be missing until the site has been saved on this device.',
  'offline.update': 'A new version of the guide is ready.',
} as const;
export const offlineStrings: Record<Lang, Translation<typeof offlineEn>> = {
  en: offlineEn,
  zh: {
    'offline.offline': '你已离线。本语言的所有指南页面、排查步骤和搜索都可以在本设备上使用。',
    'offline.offlineNotReady': '你已离线。在网站保存到本设备之前，尚未打开过的页面可能无法访问。',
    'offline.update': '指南有新版本。',
  },
};
