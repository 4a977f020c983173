import fc from 'fast-check';
import { ROLES } from './roles';
import {
  HEALTH_MASK,
  type PersonalDataKind,
  PERSONAL_DATA_KINDS,
  type RevealSubject,
  isHexDigest,
  maskIncome,
  maskPersonalData,
  maskPersonalText,
  maskPhone,
  mayReveal,
} from './personal-data';

const ID_PATTERN = /\d{17}[\dXx]/;

describe('masking one kind', () => {
  it('masks a mobile number as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('5331234')).toBe('*****34');
  });

  it('shows an income as its 1000-yuan band', () => {
    expect(maskIncome(5400)).toBe('5000–6000元');
    expect(maskIncome(6312)).toBe('6000–7000元');
    expect(maskIncome(0)).toBe('0–1000元');
    expect(maskIncome(-200)).toBe('-1000–0元');
  });

  it('masks ID numbers, mobiles and 收入…元 in free text, and nothing else', () => {
    expect(maskPersonalText('命中成员 370323198001010018（县城一套），联系 13812345678')).toBe(
      '命中成员 370323********0018（县城一套），联系 138****5678',
    );
    expect(maskPersonalText('定量标准：家庭年人均收入5400元，低于相对贫困线6312元')).toBe(
      '定量标准：家庭年人均收入5000–6000元，低于相对贫困线6312元',
    );
    expect(
      maskPersonalText(
        '定性标准：家庭年人均收入7321.5元，不低于相对贫困线6312元，但「基本医疗有保障」未达到；因病、因学导致临时困难',
      ),
    ).toBe(
      `定性标准：家庭年人均收入7000–8000元，不低于相对贫困线6312元，但「${HEALTH_MASK}」未达到；${HEALTH_MASK}、因学导致临时困难`,
    );
    expect(maskPersonalText('区划 370323104201，2026-11-23，编号 12')).toBe(
      '区划 370323104201，2026-11-23，编号 12',
    );
    const uuid = '5e0c2a1f-9b7d-4c3e-8a21-a13671234567';
    expect(maskPersonalText(`案件 ${uuid}`)).toBe(`案件 ${uuid}`);
  });
});

describe('maskPersonalData', () => {
  const body = {
    id: 'c1',
    perCapitaIncome: 5400,
    members: [{ name: '赵大勇', idNumber: '11010519491231002X', relation: 'head', annualIncome: 12000 }],
    householdHeadIdNumber: '370323198001010018',
    phone: '13812345678',
    application: { povertyCauses: ['illness', 'schooling', 'disability'] },
    form: {
      incomes: [{ idNumber: '370323198001010018', wages: 8000, business: 0, property: 0, transfer: 120 }],
      indicators: { income: false, medical: false, housing: true },
      individualCoverage: [{ idNumber: '370323201005050011', reason: 'seriousIllness' }],
    },
    evaluation: { eligible: true, povertyLine: 6312, perCapitaIncome: '5400.00' },
    reason: '成员 370323201208080026 有车辆',
    occurredAt: new Date('2026-11-23T00:00:00Z'),
  };

  it('masks by key, in free text, and keeps everything else', () => {
    expect(maskPersonalData(body)).toEqual({
      id: 'c1',
      perCapitaIncome: '5000–6000元',
      members: [
        { name: '赵大勇', idNumber: '110105********002X', relation: 'head', annualIncome: '12000–13000元' },
      ],
      householdHeadIdNumber: '370323********0018',
      phone: '138****5678',
      application: { povertyCauses: [HEALTH_MASK, 'schooling', HEALTH_MASK] },
      form: {
        incomes: [
          {
            idNumber: '370323********0018',
            wages: '8000–9000元',
            business: '0–1000元',
            property: '0–1000元',
            transfer: '0–1000元',
          },
        ],
        indicators: { income: false, medical: HEALTH_MASK, housing: true },
        individualCoverage: [{ idNumber: '370323********0011', reason: HEALTH_MASK }],
      },
      evaluation: { eligible: true, povertyLine: 6312, perCapitaIncome: '5000–6000元' },
      reason: '成员 370323********0026 有车辆',
      occurredAt: '2026-11-23T00:00:00.000Z',
    });
  });

  it('leaves a hex digest whole, even one with a run of 17 digits', () => {
    const sha256 = `${'a'.repeat(20)}37032319800101001800${'b'.repeat(24)}`;
    expect(maskPersonalData({ sha256, entityId: sha256 })).toEqual({ sha256, entityId: sha256 });
    expect(maskPersonalData({ text: `文件 ${sha256}` }).text).not.toContain('198001010018');
  });

  it('is idempotent: masking a masked body changes nothing', () => {
    const once = maskPersonalData(body);
    expect(maskPersonalData(once)).toEqual(once);
  });

  it('leaves no 18-character ID number anywhere, whatever the nesting', () => {
    const idNumber = fc
      .tuple(fc.stringMatching(/^\d{17}$/), fc.constantFrom(...'0123456789X'))
      .map(([head, check]) => head + check);
    const text = fc
      .array(fc.oneof(idNumber, fc.string(), fc.stringMatching(/^\d{1,30}$/)), { maxLength: 5 })
      .map((parts) => parts.join(''));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.constant(null),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.oneof(text, fc.constantFrom('idNumber', 'reason', 'phone')), tie('node'), {
          maxKeys: 4,
        }),
      ),
    })).node;
    // Every key and string in the output, except hex digests (left whole, see isHexDigest).
    const strings = (output: unknown): string[] =>
      typeof output === 'string'
        ? [output]
        : output && typeof output === 'object'
          ? Object.entries(output).flatMap(([key, inner]) => [key, ...strings(inner)])
          : [];
    fc.assert(
      fc.property(value, (input) => {
        const shown = strings(maskPersonalData(input)).filter((text) => !isHexDigest(text));
        expect(shown.filter((text) => ID_PATTERN.test(text))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('mayReveal (need to know)', () => {
  const subject = (overrides: Partial<RevealSubject> = {}): RevealSubject => ({
    inViewerScope: true,
    open: true,
    openDataCheckDepartments: [],
    ...overrides,
  });
  const viewer = (role: (typeof ROLES)[number], department: string | null = null) => ({ role, department });
  const allKinds = (check: (kind: PersonalDataKind) => boolean) => PERSONAL_DATA_KINDS.every(check);

  it('lets the village caseworker and the township reviewer see everything while the case is open only', () => {
    for (const role of ['caseworker', 'townshipReviewer'] as const) {
      expect(allKinds((kind) => mayReveal(viewer(role), subject(), kind))).toBe(true);
      expect(
        PERSONAL_DATA_KINDS.some((kind) => mayReveal(viewer(role), subject({ open: false }), kind)),
      ).toBe(false);
    }
  });

  it('lets the county centre and inspectors see everything at any time', () => {
    for (const role of ['countyOfficer', 'inspector'] as const) {
      expect(allKinds((kind) => mayReveal(viewer(role), subject({ open: false }), kind))).toBe(true);
    }
  });

  it('lets a department see ID numbers only, only while its data-check request on the case is open', () => {
    const civil = viewer('departmentOfficer', 'civilAffairs');
    const asked = subject({ openDataCheckDepartments: ['civilAffairs'] });
    expect(PERSONAL_DATA_KINDS.filter((kind) => mayReveal(civil, asked, kind))).toEqual(['idNumber']);
    expect(mayReveal(civil, subject({ openDataCheckDepartments: ['housing'] }), 'idNumber')).toBe(false);
    expect(mayReveal(civil, subject(), 'idNumber')).toBe(false);
  });

  it('never lets supervisors or admins see, nor anyone a case outside their scope', () => {
    for (const role of ['supervisor', 'admin'] as const) {
      expect(PERSONAL_DATA_KINDS.some((kind) => mayReveal(viewer(role), subject(), kind))).toBe(false);
    }
    for (const role of ROLES) {
      const outside = subject({ inViewerScope: false, openDataCheckDepartments: ['civilAffairs'] });
      expect(PERSONAL_DATA_KINDS.some((kind) => mayReveal(viewer(role, 'civilAffairs'), outside, kind))).toBe(
        false,
      );
    }
  });
});
