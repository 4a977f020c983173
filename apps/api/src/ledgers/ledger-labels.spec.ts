import { describeEntry, describeOverride, ledgerEventLabel } from './ledger-labels';

describe('ledgerEventLabel', () => {
  it('names known events in Chinese and shows an unknown one as itself', () => {
    expect(ledgerEventLabel('recognised')).toBe('认定纳入');
    expect(ledgerEventLabel('reEnrolled')).toBe('返贫纳入');
    expect(ledgerEventLabel('somethingNew')).toBe('somethingNew');
    expect(ledgerEventLabel('constructor')).toBe('constructor');
  });
});

describe('describeEntry', () => {
  it('writes the fields as one line with Chinese names, masking personal data', () => {
    expect(
      describeEntry({
        perCapitaIncome: 4400,
        reasons: ['收入低于相对贫困线', '因病'],
        idNumber: '370323197803150018',
        custom: 'x',
        empty: null,
      }),
    ).toBe(
      '人均收入(元)：4000–5000元；依据：收入低于相对贫困线、健康状况（不公开）；身份证号：370323********0018；custom：x',
    );
  });

  it('lets a summary stand for the whole entry', () => {
    expect(describeEntry({ summary: '纳入相对贫困户', perCapitaIncome: 4400 })).toBe('纳入相对贫困户');
  });
});

describe('describeOverride', () => {
  it('describes each set-aside hit with its department and category in Chinese', () => {
    expect(
      describeOverride({
        hits: [
          { department: 'housing', category: 'commercialHousing', detail: '县城一套' },
          { department: '交警', category: 'vehicle', detail: '' },
        ],
      }),
    ).toBe('住建局：商品房（县城一套）；交警：高档乘用车辆');
  });
});
