import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppException } from '../common/app.exception';
import {
  buildRequestWorkbook,
  GUIDE_SHEET,
  MAX_UNCOMPRESSED_BYTES,
  MAX_UPLOAD_ROWS,
  readAnswerWorkbook,
  REQUEST_SHEET,
  type RequestRow,
  WORKBOOK_COLUMNS,
} from './data-check-workbook';

const rows: RequestRow[] = [
  {
    taskId: 'case-1:dataCheckAnswer:housing:1',
    township: '东里镇',
    village: '东里东村',
    householdHead: '王建国',
    name: '王建国',
    idNumber: '370323195003071234',
    relation: 'head',
  },
  {
    taskId: 'case-1:dataCheckAnswer:housing:1',
    township: '东里镇',
    village: '东里东村',
    householdHead: '王建国',
    name: '刘桂兰',
    idNumber: '37032319520815222X',
    relation: 'spouse',
  },
];

async function built(): Promise<ExcelJS.Workbook> {
  const buffer = await buildRequestWorkbook({
    departmentLabel: '住建局',
    exportId: 'export-1',
    exportedAt: new Date('2026-11-23T02:00:00Z'),
    requests: 1,
    rows,
  });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A zip of these parts, deflated: what a hostile tool could upload as an .xlsx, lying about sizes if asked. */
function zip(parts: Record<string, Buffer>, declaredSize?: number): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of Object.entries(parts)) {
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(declaredSize ?? data.length, 22);
    header.writeUInt16LE(fileName.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(declaredSize ?? data.length, 24);
    entry.writeUInt16LE(fileName.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, fileName, packed);
    central.push(entry, fileName);
    offset += header.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const HEADER_ROW =
  '<row r="1">' +
  ['任务编号', '身份证号', '比对结果', '命中类别', '情况说明']
    .map((text, i) => `<c r="${'ABCDE'[i]}1" t="inlineStr"><is><t>${text}</t></is></c>`)
    .join('') +
  '</row>';

/** A one-sheet workbook whose sheet XML is the header row, then `body`. */
function workbookOf(body: Buffer, declaredSize?: number): Buffer {
  const sheet = Buffer.concat([
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${HEADER_ROW}`,
    ),
    body,
    Buffer.from('</sheetData></worksheet>'),
  ]);
  return zip({ 'xl/worksheets/sheet1.xml': sheet }, declaredSize);
}

async function rejection(promise: Promise<unknown>): Promise<AppException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppException);
  return error as AppException;
}

describe('the request workbook', () => {
  it('has one row per member with the documented columns, full ID numbers as text', async () => {
    const sheet = (await built()).getWorksheet(REQUEST_SHEET)!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...WORKBOOK_COLUMNS.map((c) => c.header)]);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '任务编号',
      '镇(街道)',
      '村(社区)',
      '户主',
      '姓名',
      '身份证号',
      '与户主关系',
      '比对结果',
      '命中类别',
      '情况说明',
    ]);
    expect(sheet.actualRowCount).toBe(3);
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      'case-1:dataCheckAnswer:housing:1',
      '东里镇',
      '东里东村',
      '王建国',
      '刘桂兰',
      '37032319520815222X',
      '配偶',
    ]);
    expect(sheet.getCell('F2').numFmt).toBe('@');
  });

  it('offers 有/无 and the Chinese category labels as drop-down lists', async () => {
    const sheet = (await built()).getWorksheet(REQUEST_SHEET)!;
    expect(sheet.getCell('H2').dataValidation).toMatchObject({ type: 'list', formulae: ['"有,无"'] });
    expect(sheet.getCell('I3').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"商品房,高档乘用车辆,大额银行存款,大型农机具,工商登记,直系亲属系财政供养人员或担任公职"'],
    });
  });

  it('explains in a second sheet how to fill it in', async () => {
    const guide = (await built()).getWorksheet(GUIDE_SHEET)!;
    const text = guide
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string')
      .join('\n');
    expect(text).toContain('大数据比对请求表（住建局）');
    expect(text).toContain('2026-11-23 10:00');
    expect(text).toContain('export-1');
    expect(text).toContain('复制该成员的整行');
    expect(text).toContain('直系亲属系财政供养人员或担任公职');
  });

  it('reads back what the department filled in, by header name', async () => {
    const workbook = await built();
    const sheet = workbook.getWorksheet(REQUEST_SHEET)!;
    sheet.getCell('H2').value = '无';
    sheet.getCell('H3').value = ' 有 ';
    sheet.getCell('I3').value = '商品房';
    sheet.getCell('J3').value = { richText: [{ text: '县城' }, { text: '商品房一套' }] };
    sheet.addRow(['', '', '', '', '', 370323201005050000]);
    expect(await readAnswerWorkbook(await toBuffer(workbook))).toEqual([
      {
        row: 2,
        taskId: 'case-1:dataCheckAnswer:housing:1',
        idNumber: '370323195003071234',
        idNumberNumeric: false,
        result: '无',
        category: '',
        detail: '',
      },
      {
        row: 3,
        taskId: 'case-1:dataCheckAnswer:housing:1',
        idNumber: '37032319520815222X',
        idNumberNumeric: false,
        result: '有',
        category: '商品房',
        detail: '县城商品房一套',
      },
      expect.objectContaining({ row: 4, taskId: '', idNumberNumeric: true }),
    ]);
  });

  it('reads it again and again, and a workbook of two sheets without shared strings, leaving no file behind', async () => {
    // exceljs reads the sheets of a workbook stored with its workbook part last (its own layout) only at the
    // end, and under load now and then lost that part: the platform's own workbook was refused. Read in the
    // order it needs, each sheet is read as it comes.
    const workbook = await built();
    workbook.getWorksheet(REQUEST_SHEET)!.getCell('H2').value = '无';
    const platformWorkbook = await toBuffer(workbook);
    // Without shared strings exceljs still keeps the sheets in temporary files until the end; the second sheet,
    // skipped, once failed the process when its file was deleted before it opened, else stayed open for good.
    const sheet = (body: string) =>
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`,
      );
    const twoSheets = zip({
      'xl/worksheets/sheet1.xml': sheet(HEADER_ROW),
      'xl/worksheets/sheet2.xml': sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row>'),
    });
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const temporaryFiles = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`));
    const before = { open: openFiles(), temporary: temporaryFiles() };
    for (let i = 0; i < 30; i += 1) {
      expect((await readAnswerWorkbook(platformWorkbook)).map((row) => row.result)).toEqual(['无', '']);
      expect(await readAnswerWorkbook(twoSheets)).toEqual([]);
    }
    // The last file of a read is deleted a moment after it (asynchronously).
    const left = () => temporaryFiles().filter((f) => !before.temporary.includes(f));
    for (let wait = 0; wait < 40 && left().length > 0; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(left()).toEqual([]);
    expect(openFiles()).toBeLessThan(before.open + 5);
  });

  it('refuses a file that is not an xlsx workbook', async () => {
    const error = await rejection(readAnswerWorkbook(Buffer.from('任务编号,身份证号\n1,2\n')));
    expect(error.status).toBe(400);
    expect(error.code).toBe('INVALID_WORKBOOK');
    // A zip that is not a workbook either.
    const zipLike = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    expect((await rejection(readAnswerWorkbook(zipLike))).code).toBe('INVALID_WORKBOOK');
  });

  it('refuses a zip bomb by its declared size, before inflating it', async () => {
    // 80 MB of one repeated row deflate to well under 1 MB: within the 10 MB upload limit.
    const row = Buffer.from('<row><c t="inlineStr"><is><t>重复的行</t></is></c></row>');
    const bomb = workbookOf(Buffer.alloc(80 * 1024 * 1024, row));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(80 * 1024 * 1024).toBeGreaterThan(MAX_UNCOMPRESSED_BYTES);
    const error = await rejection(readAnswerWorkbook(bomb));
    expect(error).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', status: 413 });
    expect(error.message).toContain('解压后超过 64 MB');
  });

  it('refuses a zip bomb that declares a small size, by what it really inflates to', async () => {
    const row = Buffer.from('<row><c t="inlineStr"><is><t>重复的行</t></is></c></row>');
    const liar = workbookOf(Buffer.alloc(80 * 1024 * 1024, row), 1000);
    expect((await rejection(readAnswerWorkbook(liar))).code).toBe('WORKBOOK_TOO_LARGE');
  });

  it('refuses a zip with a part the directory does not list', async () => {
    const listed = workbookOf(Buffer.from(''));
    const hidden = zip({ 'xl/sharedStrings.xml': Buffer.from('<sst/>') });
    // The hidden part's local header and data, put before the listed part: the directory's offsets no longer fit.
    const hiddenPart = hidden.subarray(0, hidden.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])));
    const smuggled = Buffer.concat([hiddenPart, listed]);
    // …and the end record pointing at the directory where it now is, so only the layout gives it away.
    const end = smuggled.length - 22;
    smuggled.writeUInt32LE(smuggled.readUInt32LE(end + 16) + hiddenPart.length, end + 16);
    expect((await rejection(readAnswerWorkbook(smuggled))).code).toBe('INVALID_WORKBOOK');
  });

  it('refuses a sheet over the row limit', async () => {
    const rows = Array.from(
      { length: MAX_UPLOAD_ROWS + 1 },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i}</v></c></row>`,
    );
    const error = await rejection(readAnswerWorkbook(workbookOf(Buffer.from(rows.join('')))));
    expect(error).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', status: 400 });
    expect(error.message).toBe(`工作表「Sheet1」超过 ${MAX_UPLOAD_ROWS} 行，请分批上传`);
  });

  it('refuses a workbook without the columns it needs', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['任务编号', '身份证号', '结果']);
    const error = await rejection(readAnswerWorkbook(await toBuffer(workbook)));
    expect(error.code).toBe('WORKBOOK_COLUMNS_MISSING');
    expect(error.message).toContain('「比对结果」「命中类别」「情况说明」');
  });
});
