// 行政区划 pickers over the places in the user's scope (GET /admin/jurisdictions answers every role its own
// jurisdiction and those below): a village for a household, a township or village to search within.

import { Select, TreeSelect, type SelectProps, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { useJurisdictions, type Jurisdiction } from './case-api';

interface TreeNode {
  value: string;
  title: string;
  children: TreeNode[];
}

/** The flat list (each place right after its parent) as a tree rooted at the places whose parent is not in it. */
function toTree(places: Jurisdiction[]): TreeNode[] {
  const nodes = new Map(
    places.map((p) => [p.id, { value: p.id, title: p.name, children: [] as TreeNode[] }]),
  );
  const roots: TreeNode[] = [];
  for (const place of places) {
    const parent = place.parentId ? nodes.get(place.parentId) : undefined;
    (parent ? parent.children : roots).push(nodes.get(place.id)!);
  }
  return roots;
}

/** 村(社区): the villages in scope, named with their township. */
export function VillageSelect(props: SelectProps<string>) {
  const places = useJurisdictions();
  const options = useMemo(() => {
    const names = new Map((places.data ?? []).map((p) => [p.id, p.name]));
    return (places.data ?? [])
      .filter((p) => p.level === 'village')
      .map((p) => ({ value: p.id, label: `${names.get(p.parentId ?? '') ?? ''}${p.name}` }));
  }, [places.data]);
  return (
    <Select
      showSearch
      optionFilterProp="label"
      loading={places.isPending}
      options={options}
      placeholder="选择村(社区)"
      {...props}
    />
  );
}

/** A township or village to search within (its places below included). */
export function JurisdictionTreeSelect(props: TreeSelectProps<string>) {
  const places = useJurisdictions();
  const tree = useMemo(() => toTree(places.data ?? []), [places.data]);
  return (
    <TreeSelect
      showSearch
      allowClear
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      loading={places.isPending}
      treeData={tree}
      placeholder="全部辖区"
      {...props}
    />
  );
}
