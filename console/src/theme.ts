import type { ThemeConfig } from 'antd';

/**
 * Ant Design's defaults, darkened where they fall short of WCAG AA's 4.5:1 for text: its primary
 * blue (#1677ff, 4.1:1 on the page's grey) and the lighter blue it derives for a hovered button or
 * link (3.5:1), its secondary greys (45% black) and its error red (#ff4d4f, 3.3:1 on white: a form's
 * errors beside their fields). The browser tests check every page they visit with axe-core.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorPrimaryHover: '#1668dc',
    colorLinkHover: '#1668dc',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
};
