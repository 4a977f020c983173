import { theme } from 'antd';
import type { ReactNode } from 'react';

/**
 * Secondary text in the theme's colour. antd's Typography.Text would do the same but brings its copy,
 * edit and ellipsis machinery into the first page's bundle (about 5 kB gzipped of the 350 kB budget).
 */
export function Muted({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  return <span style={{ color: token.colorTextSecondary }}>{children}</span>;
}
