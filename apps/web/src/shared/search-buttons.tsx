import { Button } from 'antd';

/** 查询 submits a search form; 重置 empties it and shows the unfiltered list. */
export function SearchButtons({ onReset }: { onReset: () => void }) {
  return (
    <>
      <Button type="primary" htmlType="submit">
        查询
      </Button>
      <Button onClick={onReset}>重置</Button>
    </>
  );
}
