import { Spin } from 'antd';
import { Suspense, type ReactNode } from 'react';

/** A lazy screen's frame while its chunk loads. */
export function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{children}</Suspense>;
}
