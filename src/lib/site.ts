/** Facts about the source guide, printed on the home page and in the footer. */
export const GUIDE_META = {
  version: 'v1.0.0',
  appliesTo: 'Arya Video Agent v1.0.0+',
  updated: '2024-01-15',
  maintainer: 'Arya Video Agent Team',
  support: {
    email: 'support@arya-video-agent.com',
    issues: 'https://github.com/startcodeing/arya-video-agent/issues',
    discord: 'https://discord.gg/arya-video-agent',
  },
  /**
   * Where this site's source is kept, for each guide page's "Edit this page" link: the
   * repository, the branch edits are proposed against, and the folder of this project in the
   * repository ('' when the project is the repository's root).
   */
  source: {
    repository: 'https://github.com/startcodeing/arya-video-agent',
    branch: 'main',
    dir: '',
  },
} as const;

/** The page that edits a file of this project (a path from the project root, as `LoadedGuide.file`). */
export function editUrl(file: string, source: { repository: string; branch: string; dir: string } = GUIDE_META.source): string {
  const dir = source.dir.replace(/^\/+|\/+$/g, '');
  const path = [dir, file.replace(/^\.?\/+/, '')].filter(Boolean).join('/');
  return `${source.repository}/edit/${source.branch}/${path.split('/').map(encodeURIComponent).join('/')}`;
}
