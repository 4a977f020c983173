// 全国法定节假日 seed calendars. This is data, not code: an admin enters each year's arrangement from the
// 国务院办公厅关于部分节假日安排的通知 once it is published; these seeds only bootstrap that table.
// Since 2025 the statutory days number 13: 元旦 1, 春节 4 (除夕 to 初三), 清明 1, 劳动节 2, 端午 1,
// 中秋 1, 国庆 3; a statutory day on a weekend is made up on a weekday, and blocks use 调休.

import { HolidayCalendar } from './holiday-calendar';

// 2026: as published by the State Council.
const CHINA_2026: HolidayCalendar = {
  year: 2026,
  holidays: [
    // 元旦 Thu 1 Jan – Sat 3 Jan
    '2026-01-01',
    '2026-01-02',
    '2026-01-03',
    // 春节 Sun 15 Feb (腊月二十八) – Mon 23 Feb (正月初七)
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
    // 清明 Sat 4 Apr – Mon 6 Apr
    '2026-04-04',
    '2026-04-05',
    '2026-04-06',
    // 劳动节 Fri 1 May – Tue 5 May
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    // 端午 Fri 19 Jun – Sun 21 Jun
    '2026-06-19',
    '2026-06-20',
    '2026-06-21',
    // 中秋 Fri 25 Sep – Sun 27 Sep
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    // 国庆 Thu 1 Oct – Wed 7 Oct
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  adjustedWorkdays: [
    '2026-01-04', // Sun, 元旦
    '2026-02-14', // Sat, 春节
    '2026-02-28', // Sat, 春节
    '2026-05-09', // Sat, 劳动节
    '2026-09-20', // Sun, 国庆
    '2026-10-10', // Sat, 国庆
  ],
};

// 2027: PROVISIONAL — the State Council's notice was not available when this was written. The statutory
// days come from the lunar calendar (除夕 Fri 5 Feb, 春节 Sat 6 Feb, 端午 Wed 9 Jun, 中秋 Wed 15 Sep,
// 清明 Mon 5 Apr); the blocks and 调休 days are guesses following past years with the same weekdays
// (春节 like 2024, 劳动节 and 国庆 like 2021, a lone midweek day like 元旦 2025). An admin must check every
// date against the published notice before relying on 2027 deadlines.
const CHINA_2027_PROVISIONAL: HolidayCalendar = {
  year: 2027,
  holidays: [
    // 元旦 Fri 1 Jan – Sun 3 Jan
    '2027-01-01',
    '2027-01-02',
    '2027-01-03',
    // 春节 Fri 5 Feb (除夕) – Sat 13 Feb (正月初八)
    '2027-02-05',
    '2027-02-06',
    '2027-02-07',
    '2027-02-08',
    '2027-02-09',
    '2027-02-10',
    '2027-02-11',
    '2027-02-12',
    '2027-02-13',
    // 清明 Sat 3 Apr – Mon 5 Apr
    '2027-04-03',
    '2027-04-04',
    '2027-04-05',
    // 劳动节 Sat 1 May – Wed 5 May
    '2027-05-01',
    '2027-05-02',
    '2027-05-03',
    '2027-05-04',
    '2027-05-05',
    // 端午 Wed 9 Jun, a single day
    '2027-06-09',
    // 中秋 Wed 15 Sep, a single day
    '2027-09-15',
    // 国庆 Fri 1 Oct – Thu 7 Oct
    '2027-10-01',
    '2027-10-02',
    '2027-10-03',
    '2027-10-04',
    '2027-10-05',
    '2027-10-06',
    '2027-10-07',
  ],
  adjustedWorkdays: [
    '2027-01-31', // Sun, 春节
    '2027-02-14', // Sun, 春节
    '2027-05-08', // Sat, 劳动节
    '2027-09-26', // Sun, 国庆
    '2027-10-09', // Sat, 国庆
  ],
};

export const CHINA_HOLIDAY_CALENDARS: HolidayCalendar[] = [CHINA_2026, CHINA_2027_PROVISIONAL];
