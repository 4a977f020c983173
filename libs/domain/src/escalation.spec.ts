import { escalationJurisdiction } from './escalation';

const chain = ['county', 'township', 'village'];

describe('escalationJurisdiction', () => {
  it('goes to the township, then the county, then the county office, for a village task', () => {
    const supervised = new Set(['county', 'township']);
    expect([1, 2, 3].map((level) => escalationJurisdiction(chain, supervised, level))).toEqual([
      'township',
      'county',
      'county',
    ]);
  });

  it('starts at the task’s own jurisdiction when it has a supervisor', () => {
    const supervised = new Set(['county', 'township', 'village']);
    expect(escalationJurisdiction(chain, supervised, 1)).toBe('village');
    expect(escalationJurisdiction(chain, supervised, 2)).toBe('township');
  });

  it('stays at the county when nothing is supervised below it', () => {
    const supervised = new Set(['county']);
    expect([1, 2, 3].map((level) => escalationJurisdiction(chain, supervised, level))).toEqual([
      'county',
      'county',
      'county',
    ]);
    expect(escalationJurisdiction(chain, new Set(), 1)).toBeUndefined();
  });
});
