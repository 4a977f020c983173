// The places in the admin's scope as a tree (GET /admin/jurisdictions answers a flat list, each place right
// after its parent), for the jurisdictions tab and for pickers limited to some levels.

import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { JurisdictionLevel, Role } from '@libs/domain';
import type { Schemas } from '../api/client';
import { useAdminJurisdictions } from './admin-api';

export type Place = Schemas['JurisdictionResponseDto'];

export interface PlaceNode {
  place: Place;
  children: PlaceNode[];
}

/** Roots are the places whose parent is not in the list (the admin's own jurisdiction). */
export function placeTree(places: Place[]): PlaceNode[] {
  const nodes = new Map(places.map((place) => [place.id, { place, children: [] as PlaceNode[] }]));
  const roots: PlaceNode[] = [];
  for (const place of places) {
    const parent = place.parentId ? nodes.get(place.parentId) : undefined;
    (parent ? parent.children : roots).push(nodes.get(place.id)!);
  }
  return roots;
}

// Where each role works (the server refuses other levels: apps/api/src/admin/admin-rules.ts).
export const ROLE_LEVELS: Record<Role, readonly JurisdictionLevel[]> = {
  caseworker: ['village'],
  townshipReviewer: ['township'],
  countyOfficer: ['county'],
  departmentOfficer: ['county'],
  supervisor: ['county', 'township'],
  inspector: ['county', 'township'],
  admin: ['county', 'township', 'village'],
};

interface TreeData {
  value: string;
  title: string;
  disabled: boolean;
  children: TreeData[];
}

/** A place in scope; with `levels`, only places of those levels can be picked. */
export function PlaceTreeSelect({
  levels,
  ...props
}: TreeSelectProps<string> & { levels?: readonly JurisdictionLevel[] }) {
  const places = useAdminJurisdictions();
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
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      loading={places.isPending}
      treeData={treeData}
      placeholder="选择辖区"
      {...props}
    />
  );
}
