import { Drawer } from 'antd';
import type { ReactNode } from 'react';

/** The menu on a phone: a drawer from the left, loaded with its first opening. */
export function PhoneMenu({
  open,
  close,
  title,
  children,
}: {
  open: boolean;
  close: () => void;
  title: string;
  children: ReactNode;
}) {
  return (
    <Drawer open={open} onClose={close} placement="left" width={240} title={title}>
      {children}
    </Drawer>
  );
}
