// Where each role works; the place picker of the admin's forms (limited to the levels a record may name) and
// of its lists' filters.

import type { TreeSelectProps } from 'antd';
import type { JurisdictionLevel } from '@libs/domain';
import { JurisdictionTreeSelect } from '../cases/jurisdiction-pickers';

/** The place a record names: one must be chosen, so it is not cleared. */
export function PlaceTreeSelect(props: TreeSelectProps<string> & { levels?: readonly JurisdictionLevel[] }) {
  return <JurisdictionTreeSelect allowClear={false} placeholder="选择辖区" {...props} />;
}

/** 按辖区筛选 above an admin list: a place and those below it, or all. */
export function PlaceFilter({
  value,
  onChange,
}: {
  value?: string;
  onChange: (jurisdictionId?: string) => void;
}) {
  return (
    <JurisdictionTreeSelect
      aria-label="按辖区筛选"
      style={{ width: 200 }}
      value={value}
      onChange={onChange}
    />
  );
}
