import dayjs from 'dayjs';

/** A time in a narrow column: the day, and the hour below it. */
export const twoLineTime = (iso: string) => (
  <>
    {dayjs(iso).format('YYYY-MM-DD')}
    <br />
    {dayjs(iso).format('HH:mm')}
  </>
);
