// 公示名单 printed for the village notice board: one A4 page (more for a long list) with the households in
// notice, the dates, the place, and how and until when to object. The caseworker opens it from the notice
// task with the start date and place filled in there; the browser's print dialog (or "save as PDF") does the
// rest. ID numbers arrive masked from the API; nothing else personal is on the sheet.

import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { noticeLastDay, parseDuration } from '@libs/domain';
import { api, unwrap } from '../api/client';

const PRINT_CSS = `
@page { size: A4; margin: 20mm 18mm; }
.notice-sheet { max-width: 174mm; margin: 24px auto; padding: 0 16px; color: #000; background: #fff;
  font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 15px; line-height: 1.8; }
.notice-sheet h1 { text-align: center; font-size: 24px; letter-spacing: 2px; margin: 0 0 16px; }
.notice-sheet p { text-indent: 2em; margin: 0 0 8px; }
.notice-sheet table { width: 100%; border-collapse: collapse; margin: 12px 0 16px; }
.notice-sheet th, .notice-sheet td { border: 1px solid #000; padding: 4px 8px; text-align: center; }
.notice-sheet tr { break-inside: avoid; }
.notice-sheet .signature { text-align: right; margin-top: 32px; }
@media print {
  .no-print { display: none !important; }
  .notice-sheet { margin: 0; padding: 0; max-width: none; }
}`;

const chineseDate = (date: string) => dayjs(date).format('YYYY年M月D日');

/** The period in days when it is whole days (the county's policy: 7 by default). */
function wholeDays(period: string): number | undefined {
  const d = parseDuration(period);
  return d && !d.years && !d.months && !d.hours && !d.minutes && !d.seconds ? d.days : undefined;
}

export function NoticeSheetPage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const startsOn = search.get('startsOn') ?? '';
  const place = search.get('place')?.trim() ?? '';
  const sheet = useQuery({
    queryKey: ['tasks', id, 'notice-sheet'],
    queryFn: () => unwrap(api.GET('/tasks/{id}/notice-sheet', { params: { path: { id } } })),
  });
  const back = (
    <Link to={`/tasks/${encodeURIComponent(id)}`} className="no-print">
      返回公示任务
    </Link>
  );
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startsOn) || !dayjs(startsOn).isValid() || place.length < 2) {
    return (
      <div style={{ maxWidth: 640, margin: '48px auto', padding: 16 }}>
        <Alert type="warning" showIcon message="请先在公示任务中填写公示开始日期和公示地点，再打印公示名单" />
        <div style={{ marginTop: 16 }}>{back}</div>
      </div>
    );
  }
  if (sheet.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (sheet.isError) {
    return (
      <div style={{ maxWidth: 640, margin: '48px auto', padding: 16 }}>
        <Alert type="error" showIcon message={sheet.error.message} />
        <div style={{ marginTop: 16 }}>{back}</div>
      </div>
    );
  }
  const { village, township, county, period, households } = sheet.data;
  const lastDay = noticeLastDay(startsOn, period);
  const days = wholeDays(period);
  const people = households.reduce((sum, h) => sum + h.memberCount, 0);
  return (
    <>
      <style>{PRINT_CSS}</style>
      <Space className="no-print" style={{ display: 'flex', justifyContent: 'center', marginTop: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          打印
        </Button>
        {back}
      </Space>
      <article className="notice-sheet">
        <h1>{village}相对贫困人口认定公示</h1>
        <p>
          根据{county}解决相对贫困长效机制的有关规定，经大数据比对、入户调查和民主评议，拟将以下
          {households.length}户{people}人认定为相对贫困人口，现予公示。
        </p>
        <table>
          <thead>
            <tr>
              <th>序号</th>
              <th>户主姓名</th>
              <th>户主身份证号</th>
              <th>家庭人口（人）</th>
            </tr>
          </thead>
          <tbody>
            {households.map((h, index) => (
              <tr key={h.caseId}>
                <td>{index + 1}</td>
                <td>{h.householdHead}</td>
                <td>{h.idNumber}</td>
                <td>{h.memberCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          公示期：{chineseDate(startsOn)}至{chineseDate(lastDay)}
          {days !== undefined && `（共${days}天）`}。
        </p>
        <p>公示地点：{place}。</p>
        <p>
          公示期内，任何单位和个人对公示对象有异议的，请于{chineseDate(lastDay)}
          前以书面或口头方式向{village}村民委员会或{township}
          人民政府（办事处）实名反映。我们将逐一调查核实，并对反映人的个人信息予以保密。
        </p>
        <div className="signature">
          <div>{village}村民委员会</div>
          <div>{chineseDate(startsOn)}</div>
        </div>
      </article>
    </>
  );
}
