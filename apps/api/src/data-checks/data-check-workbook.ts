// 比对请求表 the Excel workbook of a department's open data-check requests: written for download, read
// back when the department uploads it filled in. Columns and rules are documented in
// docs/data-check-contract.md; the 说明 sheet tells the department the same in the file itself.

import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  DATA_CHECK_HIT_CATEGORIES,
  DATA_CHECK_HIT_LABELS,
  DISQUALIFYING_HIT_CATEGORIES,
  MEMBER_RELATION_LABELS,
  type MemberRelation,
} from '@libs/domain';
import { AppException } from '../common/app.exception';
import { checkZipLimits, reorderParts } from './zip-limits';

export const REQUEST_SHEET = '比对请求';
export const GUIDE_SHEET = '说明';

export const RESULT_HIT = '有';
export const RESULT_NONE = '无';

/** The columns in order: the platform fills the first seven, the department the last three. */
export const WORKBOOK_COLUMNS = [
  { key: 'taskId', header: '任务编号', width: 48, given: true },
  { key: 'township', header: '镇(街道)', width: 14, given: true },
  { key: 'village', header: '村(社区)', width: 14, given: true },
  { key: 'householdHead', header: '户主', width: 10, given: true },
  { key: 'name', header: '姓名', width: 10, given: true },
  { key: 'idNumber', header: '身份证号', width: 22, given: true },
  { key: 'relation', header: '与户主关系', width: 12, given: true },
  { key: 'result', header: '比对结果', width: 10, given: false },
  { key: 'category', header: '命中类别', width: 30, given: false },
  { key: 'detail', header: '情况说明', width: 48, given: false },
] as const;
type ColumnKey = (typeof WORKBOOK_COLUMNS)[number]['key'];

// The columns an upload must have to be read; the others are for the department's eyes only.
const REQUIRED_ON_UPLOAD: ColumnKey[] = ['taskId', 'idNumber', 'result', 'category', 'detail'];
export const MAX_UPLOAD_ROWS = 100_000;
/**
 * What an upload may inflate to, all its parts together. A full workbook of MAX_REQUESTS_PER_WORKBOOK
 * households (about 25 000 rows) is a few MB of XML; 64 MiB leaves room for 100 000 rows written by any tool,
 * and refuses a zip bomb (a few MB that inflate to gigabytes) before the parser inflates anything.
 */
export const MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

export function relationLabel(relation: string): string {
  return MEMBER_RELATION_LABELS[relation as MemberRelation] ?? relation;
}

/** One member of one request: a row of the workbook. */
export interface RequestRow {
  taskId: string;
  township: string;
  village: string;
  householdHead: string;
  name: string;
  idNumber: string;
  relation: string;
}

export interface RequestWorkbookInput {
  departmentLabel: string;
  /** Also in the audit event of the export, so a file found somewhere can be traced to who took it. */
  exportId: string;
  exportedAt: Date;
  requests: number;
  rows: RequestRow[];
  /** Set when the department has more open requests than one workbook holds. */
  truncatedAt?: number;
}

const GIVEN_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const TO_FILL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const CATEGORY_LIST = `"${DATA_CHECK_HIT_CATEGORIES.map((c) => DATA_CHECK_HIT_LABELS[c]).join(',')}"`;

export async function buildRequestWorkbook(input: RequestWorkbookInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '解决相对贫困长效机制平台';
  workbook.created = input.exportedAt;
  writeRequestSheet(workbook.addWorksheet(REQUEST_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] }), input);
  writeGuideSheet(workbook.addWorksheet(GUIDE_SHEET), input);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function writeRequestSheet(sheet: ExcelJS.Worksheet, input: RequestWorkbookInput): void {
  sheet.columns = WORKBOOK_COLUMNS.map(({ key, header, width }) => ({
    key,
    header,
    width,
    // Text, so Excel keeps all 18 characters of an ID number instead of rounding it as a number.
    style: key === 'taskId' || key === 'idNumber' ? { numFmt: '@' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  WORKBOOK_COLUMNS.forEach((column, index) => {
    header.getCell(index + 1).fill = column.given ? GIVEN_FILL : TO_FILL_FILL;
  });
  for (const row of input.rows) {
    const added = sheet.addRow({ ...row, relation: relationLabel(row.relation) });
    added.getCell('result').dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${RESULT_HIT},${RESULT_NONE}"`],
      showErrorMessage: true,
      errorTitle: '比对结果',
      error: `请选择「${RESULT_HIT}」或「${RESULT_NONE}」`,
    };
    added.getCell('category').dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [CATEGORY_LIST],
      showErrorMessage: true,
      errorTitle: '命中类别',
      error: '请从下拉列表中选择命中类别',
      showInputMessage: true,
      promptTitle: '命中类别',
      prompt: `比对结果为「${RESULT_HIT}」时选择；一人有多项命中时复制本行，每行一项`,
    };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: WORKBOOK_COLUMNS.length } };
}

function writeGuideSheet(sheet: ExcelJS.Worksheet, input: RequestWorkbookInput): void {
  sheet.columns = [{ width: 34 }, { width: 60 }, { width: 40 }];
  const line = (...cells: string[]) => sheet.addRow(cells);
  const title = line(`大数据比对请求表（${input.departmentLabel}）`);
  title.font = { bold: true, size: 14 };
  line('导出时间', beijingTime(input.exportedAt));
  line('导出编号', input.exportId);
  line('比对请求', `${input.requests} 户，${input.rows.length} 人`);
  if (input.truncatedAt !== undefined) {
    line(
      '注意',
      `本部门待比对的请求超过 ${input.truncatedAt} 户，本表只含最早到期的 ${input.truncatedAt} 户；上传后请重新下载其余请求。`,
    );
  }
  line();
  line('填写方法').font = { bold: true };
  const steps = [
    `「${REQUEST_SHEET}」表每行是一户家庭中的一名成员。请按「身份证号」在本部门业务系统中逐人比对。`,
    `「比对结果」填「${RESULT_HIT}」（发现下列情形之一）或「${RESULT_NONE}」（未发现）。每名成员都要填写；一户的全体成员都填写后，该户的比对请求才会办结，未填完的户仍留在待办中。`,
    `比对结果为「${RESULT_HIT}」时，在「命中类别」下拉列表中选择类别，并在「情况说明」中写明具体情况，例如房产坐落与面积、车辆号牌与型号、存款金额区间、任职单位与职务、登记的企业名称。`,
    '同一成员有多项命中时，复制该成员的整行插入在下方，每行填一个命中类别。',
    '请勿修改「任务编号」「身份证号」两列，也不要把「身份证号」列改成数字格式（Excel 会丢失末几位）；其他灰色列仅供核对。',
    '填好后在平台的「大数据比对」页面上传本文件（.xlsx，不超过 10 MB）。可以分批填写、多次上传：已办结的请求不会重复办理，上传结果会列出未能对应的行和未填完的户。',
    '本表含居民完整的身份证号，仅用于本次比对。请妥善保管，比对完成后删除，不得外传；每次下载都已记入平台留痕。',
  ];
  steps.forEach((step, index) => {
    const row = line(`${index + 1}.`, step);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  });
  line();
  const head = line('命中类别', '含义', '对认定的影响');
  head.font = { bold: true };
  for (const category of DATA_CHECK_HIT_CATEGORIES) {
    line(
      DATA_CHECK_HIT_LABELS[category],
      CATEGORY_MEANINGS[category],
      DISQUALIFYING_HIT_CATEGORIES.has(category)
        ? '反向标准：原则上不得纳入，县中心核实后可说明理由排除'
        : '不属反向标准：入户调查时核实',
    ).getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
}

/** What each category means to the department filling the workbook (003 §二(一), §二(三); 000 §三(三)). */
export const CATEGORY_MEANINGS: Record<(typeof DATA_CHECK_HIT_CATEGORIES)[number], string> = {
  commercialHousing: '家庭成员名下有商品房',
  vehicle: '家庭成员名下有高档乘用车辆',
  largeDeposits: '家庭成员有大额银行存款',
  largeMachinery: '家庭成员有大型农机具',
  businessRegistration: '家庭成员登记有企业或个体工商户',
  relativeInPublicOffice: '家庭成员或其直系亲属为财政供养人员或担任公职',
};

/** yyyy-mm-dd hh:mm in 北京时间 (China has no daylight saving time). */
export function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** One row of an uploaded workbook as the department left it (trimmed text). */
export interface WorkbookAnswerRow {
  /** The Excel row number, for the department to find it. */
  row: number;
  taskId: string;
  idNumber: string;
  /** The ID column held a number: Excel has rounded away its last digits. */
  idNumberNumeric: boolean;
  result: string;
  category: string;
  detail: string;
}

const notAWorkbook = () =>
  new AppException(
    'INVALID_WORKBOOK',
    400,
    '上传的文件不是有效的 Excel 工作簿（.xlsx）。请在平台下载比对请求表，填写后以 .xlsx 格式保存再上传',
  );

/**
 * Where exceljs's streaming reader needs each part: the workbook and what its sheets refer to (shared strings,
 * styles) first, so each sheet is read as it comes; the sheets; the rest last. In the order exceljs itself and
 * other tools write (the workbook last) it keeps the sheets in temporary files until the end, and under load
 * now and then loses that last part, refusing a valid upload (exceljs/exceljs#3064).
 */
const PARTS_FIRST = [
  'xl/_rels/workbook.xml.rels',
  'xl/workbook.xml',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];
function streamingRank(name: string): number {
  const first = PARTS_FIRST.indexOf(name);
  if (first >= 0) return first;
  return /^xl\/worksheets\/sheet\d+\.xml$/.test(name) ? PARTS_FIRST.length : PARTS_FIRST.length + 1;
}

/**
 * A sheet read to its end: its answer rows, or why it is not a sheet of the platform's columns (`final`: one
 * too large to take, which no later sheet makes good).
 */
type SheetReading = { rows: WorkbookAnswerRow[] } | { refusal: AppException; final?: boolean };

/**
 * The filled rows of an uploaded workbook; 400 when it is not a workbook of the platform's columns. Read
 * streaming: the sheet 比对请求 (or else the first sheet), keeping no row past the row limit.
 */
export async function readAnswerWorkbook(buffer: Buffer): Promise<WorkbookAnswerRow[]> {
  // An .xlsx is a zip archive: anything else (an .xls, a CSV, a PDF) is refused before parsing.
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== 0x04034b50) throw notAWorkbook();
  const verdict = await checkZipLimits(buffer, MAX_UNCOMPRESSED_BYTES);
  if (verdict === 'invalid') throw notAWorkbook();
  if (verdict === 'tooLarge') {
    throw new AppException(
      'WORKBOOK_TOO_LARGE',
      413,
      `上传的工作簿解压后超过 ${MAX_UNCOMPRESSED_BYTES / 1024 / 1024} MB，不像是平台的比对请求表；请分批上传`,
    );
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Readable.from([reorderParts(buffer, streamingRank)]),
    {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    },
  );
  let chosen: SheetReading | undefined;
  let chosenIsRequestSheet = false;
  try {
    for await (const sheet of reader) {
      const isRequestSheet = sheetName(sheet) === REQUEST_SHEET;
      // The first sheet is read in case no sheet is named 比对请求; a later one only if it is (and the first
      // was not too large). Every sheet is read to its end, a skipped one too: exceljs keeps a sheet stored
      // before the shared strings (as Excel and exceljs store them) in a temporary file, which it opens when
      // the sheet is handed over and deletes when the next one is asked for. A sheet left unread keeps the
      // file open for good, or fails the process when the file is gone before it opened.
      const wanted =
        !chosen || (isRequestSheet && !chosenIsRequestSheet && !('refusal' in chosen && chosen.final));
      if (!wanted) {
        await skipSheet(sheet);
        continue;
      }
      chosen = await readSheet(sheet);
      chosenIsRequestSheet = isRequestSheet;
    }
  } catch (error) {
    if (error instanceof AppException) throw error;
    throw notAWorkbook();
  }
  if (!chosen) throw notAWorkbook();
  if ('refusal' in chosen) throw chosen.refusal;
  return chosen.rows;
}

async function skipSheet(sheet: ExcelJS.stream.xlsx.WorksheetReader): Promise<void> {
  for await (const row of sheet) void row;
}

async function readSheet(sheet: ExcelJS.stream.xlsx.WorksheetReader): Promise<SheetReading> {
  const name = sheetName(sheet);
  let positions: Map<ColumnKey, number> | undefined;
  let refusal: AppException | undefined;
  const rows: WorkbookAnswerRow[] = [];
  let count = 0;
  for await (const row of sheet) {
    count += 1;
    // Past the limit the sheet is still read to its end (see readAnswerWorkbook), keeping nothing more.
    if (count > MAX_UPLOAD_ROWS + 1 || refusal) continue;
    if (!positions) {
      // The header must be row 1: a sheet starting lower has none.
      positions = row.number === 1 ? headerPositions(row) : new Map();
      const missing = REQUIRED_ON_UPLOAD.filter((key) => !positions!.has(key));
      if (missing.length > 0) refusal = columnsMissing(name, missing);
      if (missing.length > 0 || row.number === 1) continue;
    }
    const answer = answerRow(row, positions);
    if (answer.taskId || answer.idNumber || answer.result || answer.category || answer.detail)
      rows.push(answer);
  }
  if (count > MAX_UPLOAD_ROWS + 1) {
    const tooLarge = new AppException(
      'WORKBOOK_TOO_LARGE',
      400,
      `工作表「${name}」超过 ${MAX_UPLOAD_ROWS} 行，请分批上传`,
    );
    return { refusal: tooLarge, final: true };
  }
  if (!positions) refusal = columnsMissing(name, REQUIRED_ON_UPLOAD);
  return refusal ? { refusal } : { rows };
}

// Set by exceljs from the workbook's sheet list (its typings omit it).
const sheetName = (sheet: ExcelJS.stream.xlsx.WorksheetReader) => (sheet as unknown as { name: string }).name;

function headerPositions(header: ExcelJS.Row): Map<ColumnKey, number> {
  const positions = new Map<ColumnKey, number>();
  header.eachCell((cell, column) => {
    const text = cellText(cell);
    const known = WORKBOOK_COLUMNS.find((c) => c.header === text);
    if (known && !positions.has(known.key)) positions.set(known.key, column);
  });
  return positions;
}

function columnsMissing(sheetName: string, missing: ColumnKey[]): AppException {
  const names = missing.map((key) => `「${WORKBOOK_COLUMNS.find((c) => c.key === key)!.header}」`).join('');
  return new AppException(
    'WORKBOOK_COLUMNS_MISSING',
    400,
    `工作表「${sheetName}」第 1 行缺少列${names}。请使用平台下载的比对请求表，不要改动表头`,
  );
}

function answerRow(row: ExcelJS.Row, positions: Map<ColumnKey, number>): WorkbookAnswerRow {
  const text = (key: ColumnKey) => cellText(row.getCell(positions.get(key)!));
  return {
    row: row.number,
    taskId: text('taskId'),
    idNumber: text('idNumber').replace(/\s+/g, '').toUpperCase(),
    idNumberNumeric: typeof row.getCell(positions.get('idNumber')!).value === 'number',
    result: text('result'),
    category: text('category'),
    detail: text('detail'),
  };
}

/** A cell's text whatever Excel stored: plain, rich text, a formula's result, a hyperlink. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'error' in value) return '';
  try {
    return cell.text.trim();
  } catch {
    return '';
  }
}
