import type { ThemeConfig } from 'antd';

/**
 * Ant Design's defaults, darkened where they fall short of WCAG AA's 4.5:1 for text: its primary
 * blue (#1677ff, 4.1:1 on the page's grey) and its secondary greys (45% black). The blue of a
 * hovered button or link, derived lighter (3.5:1), is set too. The browser tests check every page
 * they visit with axe-core.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorPrimaryHover: '#1668dc',
    colorLinkHover: '#1668dc',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
};
