import { Typography } from 'antd';

/**
 * A table's "nothing here" line. Ant Design draws a plain emptyText in its disabled grey (25% black),
 * below WCAG AA's 4.5:1: the theme's secondary grey passes.
 */
export function EmptyText({ children }: { children: string }) {
  return <Typography.Text type="secondary">{children}</Typography.Text>;
}
