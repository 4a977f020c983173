// The bar charts' common parts, as the 督办 dashboard and the 统计 page draw them.

import type { ChartOption } from './echart';

// A count on its bar, none on an empty one (a row of zeros says nothing).
export const valueLabel = (position: 'right' | 'top', suffix = '') => ({
  show: true,
  position,
  formatter: ({ value }: { value: unknown }) => (value ? `${String(value)}${suffix}` : ''),
});

/**
 * Horizontal bars, one category per row (long place names stay readable on a phone); `clickable` makes the
 * category names click targets, as the bars are.
 */
export function horizontalBars(
  categories: string[],
  series: ChartOption['series'],
  { legend, clickable }: { legend?: ChartOption['legend']; clickable?: boolean } = {},
): ChartOption {
  return {
    grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
    legend,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories,
      triggerEvent: clickable,
      axisLabel: { width: 110, overflow: 'truncate' },
    },
    series,
  };
}
