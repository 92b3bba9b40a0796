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
} as const;
