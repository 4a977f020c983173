// 辖区 the county's townships and villages as a tree: rename a place, add a place one level below it.

import { Alert, App, Button, Form, Input, Space, Spin, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { CHILD_LEVEL, JURISDICTION_LEVEL_LABELS, type JurisdictionLevel } from '@libs/domain';
import { FormModal, type ReasonField } from '../shared/form-modal';
import { useJurisdictions, type Jurisdiction } from '../cases/case-api';
import { type PlaceNode, placeTree } from '../cases/jurisdiction-pickers';
import { useCreateJurisdiction, useRenameJurisdiction } from './admin-api';
import { requiredText } from '../shared/text-rules';

/** The level a place below `level` has, with its name; none below a village. */
function childLevel(level: JurisdictionLevel) {
  const child = CHILD_LEVEL[level];
  return child && { level: child, label: JURISDICTION_LEVEL_LABELS[child] };
}

type Editing = { kind: 'rename'; place: Jurisdiction } | { kind: 'add'; parent: Jurisdiction };

interface TreeItem {
  key: string;
  title: React.ReactNode;
  children: TreeItem[];
}

export function JurisdictionsTab() {
  const places = useJurisdictions();
  const [editing, setEditing] = useState<Editing>();

  const treeData = useMemo(() => {
    const convert = ({ place, children }: PlaceNode): TreeItem => {
      const child = childLevel(place.level);
      return {
        key: place.id,
        title: (
          <Space size={4} wrap>
            <Typography.Text strong={place.level !== 'village'}>{place.name}</Typography.Text>
            <Typography.Text type="secondary">
              {place.levelLabel} · {place.id}
            </Typography.Text>
            <Button
              type="link"
              size="small"
              aria-label={`改名 ${place.name}`}
              onClick={() => setEditing({ kind: 'rename', place })}
            >
              改名
            </Button>
            {child && (
              <Button
                type="link"
                size="small"
                aria-label={`在${place.name}下新增${child.label}`}
                onClick={() => setEditing({ kind: 'add', parent: place })}
              >
                新增{child.label}
              </Button>
            )}
          </Space>
        ),
        children: children.map(convert),
      };
    };
    return placeTree(places.data ?? []).map(convert);
  }, [places.data]);

  if (places.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (places.error) return <Alert type="error" showIcon message={places.error.message} />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        本辖区及下级的行政区划。区划代码建后不能修改；新增的区划须比上级低一级（县 → 镇(街道) → 村(社区)）。
      </Typography.Paragraph>
      <Tree blockNode selectable={false} defaultExpandAll treeData={treeData} />
      {editing && <PlaceModal editing={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}

interface PlaceForm extends ReasonField {
  id: string;
  name: string;
}

function PlaceModal({ editing, onClose }: { editing: Editing; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PlaceForm>();
  const create = useCreateJurisdiction();
  const rename = useRenameJurisdiction();
  const child = editing.kind === 'add' ? childLevel(editing.parent.level)! : undefined;

  async function save(values: PlaceForm) {
    if (editing.kind === 'rename') {
      await rename.mutateAsync({
        id: editing.place.id,
        body: { name: values.name.trim(), reason: values.reason },
      });
      void message.success(`已改名为 ${values.name.trim()}`);
    } else {
      await create.mutateAsync({
        id: values.id,
        name: values.name.trim(),
        level: child!.level,
        parentId: editing.parent.id,
        reason: values.reason,
      });
      void message.success(`已新增 ${values.name.trim()}`);
    }
  }

  return (
    <FormModal
      title={
        editing.kind === 'rename'
          ? `改名：${editing.place.name}`
          : `在${editing.parent.name}下新增${child!.label}`
      }
      name="place"
      form={form}
      initialValues={
        editing.kind === 'rename' ? { name: editing.place.name } : { id: editing.parent.id, name: '' }
      }
      pending={create.isPending || rename.isPending}
      onSave={save}
      onClose={onClose}
      reason
    >
      {editing.kind === 'add' && (
        <Form.Item
          label="区划代码"
          name="id"
          extra={`6–20 位数字，通常以上级代码 ${editing.parent.id} 开头`}
          rules={[
            { required: true, message: '请输入区划代码' },
            { pattern: /^\d{6,20}$/, message: '应为 6–20 位数字的区划代码' },
          ]}
        >
          <Input inputMode="numeric" />
        </Form.Item>
      )}
      <Form.Item label="名称" name="name" rules={requiredText('请输入名称', { max: 50 })}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}
