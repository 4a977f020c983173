// 行政区划 pickers over the places in the user's scope (GET /admin/jurisdictions answers every role its own
// jurisdiction and those below): a village for a household, a township or village to search within.

import { Select, TreeSelect, type SelectProps, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { JurisdictionLevel } from '@libs/domain';
import { useJurisdictions, type Jurisdiction } from './case-api';

export interface PlaceNode {
  place: Jurisdiction;
  children: PlaceNode[];
}

/** The flat list (each place right after its parent) as a tree rooted at the places whose parent is not in it. */
export function placeTree(places: Jurisdiction[]): PlaceNode[] {
  const nodes = new Map(places.map((place) => [place.id, { place, children: [] as PlaceNode[] }]));
  const roots: PlaceNode[] = [];
  for (const place of places) {
    const parent = place.parentId ? nodes.get(place.parentId) : undefined;
    (parent ? parent.children : roots).push(nodes.get(place.id)!);
  }
  return roots;
}

interface TreeData {
  value: string;
  title: string;
  disabled: boolean;
  children: TreeData[];
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

/** A place to search within (its places below included); with `levels`, only places of those levels can be picked. */
export function JurisdictionTreeSelect({
  levels,
  ...props
}: TreeSelectProps<string> & { levels?: readonly JurisdictionLevel[] }) {
  const places = useJurisdictions();
  const treeData = useMemo(() => {
    const convert = (node: PlaceNode): TreeData => ({
      value: node.place.id,
      title: node.place.name,
      disabled: levels !== undefined && !levels.includes(node.place.level),
      children: node.children.map(convert),
    });
    return placeTree(places.data ?? []).map(convert);
  }, [places.data, levels]);
  return (
    <TreeSelect
      showSearch
      allowClear
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      loading={places.isPending}
      treeData={treeData}
      placeholder="全部辖区"
      {...props}
    />
  );
}
