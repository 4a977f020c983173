// A county of a spec's own: one township, one village, a user for each role and department, its lifecycle
// policy (durations in seconds) and this year's poverty line. Nothing another spec does reaches it.

import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { DataCheckDepartment, LifecyclePolicy } from '@libs/domain';
import { DEFAULT_LIFECYCLE_POLICY } from '@libs/domain';
import { ApiClient } from './platform';
import { createUser } from './users';

export interface TestCounty {
  countyId: string;
  townshipId: string;
  villageId: string;
  caseworker: ApiClient;
  reviewer: ApiClient;
  officer: ApiClient;
  supervisor: ApiClient;
  inspector: ApiClient;
  admin: ApiClient;
  department: (name: string) => ApiClient;
}

/** Short durations: the notice, reviews and observation pass in seconds. */
export const SECONDS_POLICY: Partial<LifecyclePolicy> = {
  publicNotice: 'PT2S',
  reviewInterval: 'PT3S',
  supportLimit: 'P1Y',
  observation: 'PT3S',
};

export async function createCounty(
  dataSource: DataSource,
  baseUrl: string,
  options: {
    departments?: DataCheckDepartment[];
    policy?: Partial<LifecyclePolicy>;
    povertyLine?: number;
  } = {},
): Promise<TestCounty> {
  // A county code of its own: every spec's counties share the test database, so a drawn code may be taken.
  let countyId: string;
  do {
    countyId = `9${randomInt(10_000, 100_000)}`;
  } while (
    (
      await dataSource.query(
        `INSERT INTO jurisdictions (id, name, level, parent_id, path) VALUES ($1::varchar, $2, 'county', NULL, $1::varchar)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [countyId, `测试县${countyId}`],
      )
    ).length === 0
  );
  const townshipId = `${countyId}101`;
  const villageId = `${townshipId}201`;
  const places: [string, string, string, string | null, string][] = [
    [townshipId, '测试镇', 'township', countyId, `${countyId}.${townshipId}`],
    [villageId, '测试村', 'village', townshipId, `${countyId}.${townshipId}.${villageId}`],
  ];
  for (const place of places) {
    await dataSource.query(
      'INSERT INTO jurisdictions (id, name, level, parent_id, path) VALUES ($1, $2, $3, $4, $5)',
      place,
    );
  }
  const departments = options.departments ?? [];
  const policy = {
    ...DEFAULT_LIFECYCLE_POLICY,
    ...SECONDS_POLICY,
    ...options.policy,
    dataCheckDepartments: departments,
  };
  await dataSource.query('INSERT INTO county_policies (county_id, policy) VALUES ($1, $2)', [
    countyId,
    JSON.stringify(policy),
  ]);
  // This year's rural line: 19128 × 33% = 6312 unless the spec asks for another.
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const line = options.povertyLine ?? 6312;
  await dataSource.query(
    `INSERT INTO poverty_lines (jurisdiction_id, year, area, basis, base_income, ratio, line)
     VALUES ($1, $2, 'rural', 'perCapitaDisposable', $3, 0.5, $4)`,
    [countyId, year, line * 2, line],
  );
  const login = async (role: Parameters<typeof createUser>[1], at: string, department?: string) =>
    ApiClient.login(baseUrl, (await createUser(dataSource, role, at, department)).username);
  const officers = new Map<string, ApiClient>();
  for (const name of new Set([
    ...departments.map((d) => d.department),
    'civilAffairs',
    'finance',
    'humanResources',
    'medicalInsurance',
  ])) {
    officers.set(name, await login('departmentOfficer', countyId, name));
  }
  return {
    countyId,
    townshipId,
    villageId,
    caseworker: await login('caseworker', villageId),
    reviewer: await login('townshipReviewer', townshipId),
    officer: await login('countyOfficer', countyId),
    supervisor: await login('supervisor', countyId),
    inspector: await login('inspector', countyId),
    admin: await login('admin', countyId),
    department: (name) => {
      const client = officers.get(name);
      if (!client) throw new Error(`no officer of ${name} in the test county`);
      return client;
    },
  };
}
