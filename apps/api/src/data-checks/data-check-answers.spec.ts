import { type AnswerableRequest, matchAnswerRows } from './data-check-answers';
import type { WorkbookAnswerRow } from './data-check-workbook';

const HEAD = '370323195003071234';
const SPOUSE = '37032319520815222X';
const CHILD = '370323201005050011';

const requests = new Map<string, AnswerableRequest>([
  [
    'task-a',
    {
      taskId: 'task-a',
      householdHead: '王建国',
      members: [
        { name: '王建国', idNumber: HEAD, relation: 'head' },
        { name: '刘桂兰', idNumber: SPOUSE, relation: 'spouse' },
      ],
    },
  ],
  [
    'task-b',
    {
      taskId: 'task-b',
      householdHead: '李强',
      members: [{ name: '李小强', idNumber: CHILD, relation: 'child' }],
    },
  ],
]);

let rowNumber = 1;
function row(
  taskId: string,
  idNumber: string,
  result: string,
  category = '',
  detail = '',
): WorkbookAnswerRow {
  rowNumber += 1;
  return { row: rowNumber, taskId, idNumber, idNumberNumeric: false, result, category, detail };
}

beforeEach(() => {
  rowNumber = 1;
});

describe('matchAnswerRows', () => {
  it('answers a request whose members all have a row, hits mapped from the Chinese labels', () => {
    const result = matchAnswerRows(
      [row('task-a', HEAD, '无'), row('task-a', SPOUSE, '有', '商品房', '县城商品房一套')],
      requests,
    );
    expect(result).toEqual({
      answers: [
        {
          taskId: 'task-a',
          hits: [{ category: 'commercialHousing', idNumber: SPOUSE, detail: '县城商品房一套' }],
        },
      ],
      incomplete: [],
      unmatched: [],
    });
  });

  it('answers with no hits when every member is 无', () => {
    const result = matchAnswerRows([row('task-b', CHILD, '无')], requests);
    expect(result.answers).toEqual([{ taskId: 'task-b', hits: [] }]);
  });

  it('keeps a request open while a member has no row, and says who is missing', () => {
    const result = matchAnswerRows([row('task-a', HEAD, '无'), row('task-a', SPOUSE, '')], requests);
    expect(result.answers).toEqual([]);
    expect(result.incomplete).toEqual([
      {
        taskId: 'task-a',
        householdHead: '王建国',
        missing: [{ name: '刘桂兰', idNumber: '370323********222X' }],
        reason: '1 名成员未填写比对结果，该户暂不办结',
      },
    ]);
    // An empty row is not a mistake, just not done yet.
    expect(result.unmatched).toEqual([]);
  });

  it('reports rows whose task or ID number does not match, with the ID masked', () => {
    const result = matchAnswerRows(
      [
        row('task-x', HEAD, '无'),
        row('task-b', HEAD, '无'),
        row('', CHILD, '无'),
        row('task-b', CHILD, '无'),
      ],
      requests,
    );
    expect(result.unmatched).toEqual([
      {
        row: 2,
        idNumber: '370323********1234',
        reason: '任务编号不存在、不是本部门的比对请求或不在您的管辖范围内',
      },
      { row: 3, idNumber: '370323********1234', reason: '身份证号不是该比对请求所列的家庭成员' },
      { row: 4, idNumber: '370323********0011', reason: '缺少任务编号' },
    ]);
    expect(result.answers).toEqual([{ taskId: 'task-b', hits: [] }]);
  });

  it.each([
    ['an unknown category', '有', '游艇', '命中类别「游艇」不在可选范围内，请从下拉列表中选择'],
    ['a hit without a category', '有', '', '比对结果为「有」时须选择命中类别'],
    ['a category on 无', '无', '商品房', '比对结果为「无」时不应填写命中类别「商品房」'],
    ['a result other than 有/无', '是', '', '比对结果「是」无效，应填「有」或「无」'],
  ])('reports %s and leaves the request open', (_what, result, category, reason) => {
    const matched = matchAnswerRows([row('task-b', CHILD, result, category)], requests);
    expect(matched.unmatched).toEqual([{ row: 2, idNumber: '370323********0011', reason }]);
    expect(matched.answers).toEqual([]);
    expect(matched.incomplete.map((r) => r.taskId)).toEqual(['task-b']);
  });

  it('reports an ID number Excel turned into a number', () => {
    const matched = matchAnswerRows(
      [{ ...row('task-b', '370323201005050000', '无'), idNumberNumeric: true }],
      requests,
    );
    expect(matched.unmatched[0].reason).toContain('存成了数字');
    expect(matched.answers).toEqual([]);
  });

  it('takes several hits of one member from copied rows, once each', () => {
    const result = matchAnswerRows(
      [
        row('task-b', CHILD, '有', '工商登记', '个体工商户'),
        row('task-b', CHILD, '有', 'vehicle', '鲁C·12345'),
        row('task-b', CHILD, '有', '工商登记', '个体工商户'),
      ],
      requests,
    );
    expect(result.answers).toEqual([
      {
        taskId: 'task-b',
        hits: [
          { category: 'businessRegistration', idNumber: CHILD, detail: '个体工商户' },
          { category: 'vehicle', idNumber: CHILD, detail: '鲁C·12345' },
        ],
      },
    ]);
  });

  it('refuses to answer a member marked both 有 and 无', () => {
    const result = matchAnswerRows(
      [row('task-b', CHILD, '无'), row('task-b', CHILD, '有', '商品房', '一套')],
      requests,
    );
    expect(result.answers).toEqual([]);
    expect(result.incomplete[0].reason).toContain('李小强 既填了「有」又填了「无」');
  });
});
