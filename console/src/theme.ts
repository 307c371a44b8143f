import type { ThemeConfig } from 'antd';

/**
 * Ant Design's defaults, darkened where they fall short of WCAG AA's 4.5:1 for text: its primary
 * blue (#1677ff, 4.1:1 on the page's grey), its secondary greys (45% black) and its error red
 * (#ff4d4f, 3.0:1 on the grey: a form field's error message; #cf1322 gives 5.1:1). Hovered and
 * pressed, the primary blue darkens instead of lightening (white on the lighter blue falls below
 * 4.5:1, and a button stays hovered after a click). The browser tests check every page they visit
 * with axe-core. Someone whose system asks for reduced motion gets none of Ant Design's animations.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    motion: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
  },
};
