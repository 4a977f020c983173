// Keyset pages: the `limit` and `cursor` every list takes, and opaque cursors holding the last row's keys.

import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppException } from './app.exception';

export class PageQueryDto {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100, description: '每页条数' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: '翻页游标：上一页返回的 nextCursor（须与同样的筛选和排序一起用）' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;
}

/** An optional boolean query parameter: `true` or `false` in the query string. */
export function QueryBoolean(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean(),
  );
}

export function encodeCursor(keys: unknown[]): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

/** The keys in a cursor, if `valid` accepts them; otherwise a 400 naming the cursor. */
export function decodeCursor<T extends unknown[]>(cursor: string, valid: (keys: unknown[]) => keys is T): T {
  try {
    const keys: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(keys) && valid(keys)) return keys;
  } catch {
    // fall through to the error below
  }
  throw badCursor();
}

export function badCursor(): AppException {
  return new AppException('BAD_CURSOR', 400, 'cursor 无效：请使用上一页返回的 nextCursor', {
    errors: [{ field: 'cursor', message: '无效' }],
  });
}

/** A cursor key that is a timestamp. */
export const isTimestamp = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** The position after a row, newest first: its time as PostgreSQL wrote it (microseconds kept) and its id. */
export interface TimeCursor {
  at: string;
  id: string;
}

export function decodeTimeCursor(cursor: string): TimeCursor {
  const [at, id] = decodeCursor(
    cursor,
    (keys): keys is [string, string] => isTimestamp(keys[0]) && typeof keys[1] === 'string',
  );
  return { at, id };
}

/**
 * One page of a keyset list from rows fetched with `limit + 1`: the extra row only says there is a next page,
 * which starts after the last row shown.
 */
export function keysetPage<Row, Item>(
  rows: Row[],
  limit: number,
  view: (row: Row) => Item,
  cursorKeys: (last: Row) => unknown[],
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(view),
    nextCursor: rows.length > limit && last ? encodeCursor(cursorKeys(last)) : null,
  };
}
