// A province for the inbox benchmark: 30 counties × 15 townships × 40 villages, one million cases with
// five tasks each (five million tasks, one million of them open). Written once into its own database
// by set-based SQL in one transaction, then reused by later runs.

import type { DataSource } from 'typeorm';

export const PROVINCE = { counties: 30, townships: 15, villages: 40, cases: 1_000_000, tasksPerCase: 5 };

/** The places and people the benchmark signs in as: one per scope it measures. */
export const BENCH_SCOPES = {
  village: { username: 'bench_caseworker', role: 'caseworker', jurisdictionId: '371001001001' },
  township: { username: 'bench_reviewer', role: 'townshipReviewer', jurisdictionId: '371001001' },
  county: { username: 'bench_county', role: 'countyOfficer', jurisdictionId: '371001' },
  supervisor: { username: 'bench_supervisor', role: 'supervisor', jurisdictionId: '371001' },
} as const;

export async function provinceExists(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query(`SELECT 1 FROM jurisdictions WHERE id = '371030015040'`);
  return row !== undefined;
}

export async function generateProvince(dataSource: DataSource, passwordHash: string): Promise<void> {
  const { counties, townships, villages, cases } = PROVINCE;
  const villageCount = counties * townships * villages;
  await dataSource.transaction(async (q) => {
    await q.query(`SET LOCAL synchronous_commit = off`);
    await q.query(
      `INSERT INTO jurisdictions (id, name, level, parent_id, path)
       SELECT (371000 + c)::text, '基准县' || c, 'county', NULL, (371000 + c)::text FROM generate_series(1, $1) c`,
      [counties],
    );
    await q.query(
      `INSERT INTO jurisdictions (id, name, level, parent_id, path)
       SELECT j.id || lpad(t::text, 3, '0'), j.name || '第' || t || '镇', 'township', j.id, j.id || '.' || j.id || lpad(t::text, 3, '0')
       FROM jurisdictions j, generate_series(1, $1) t WHERE j.level = 'county' AND j.id LIKE '371%'`,
      [townships],
    );
    await q.query(
      `INSERT INTO jurisdictions (id, name, level, parent_id, path)
       SELECT j.id || lpad(v::text, 3, '0'), j.name || v || '村', 'village', j.id, j.path || '.' || j.id || lpad(v::text, 3, '0')
       FROM jurisdictions j, generate_series(1, $1) v WHERE j.level = 'township' AND j.id LIKE '371%'`,
      [villages],
    );
    for (const scope of Object.values(BENCH_SCOPES)) {
      await q.query(
        `INSERT INTO users (id, username, display_name, password_hash, role, jurisdiction_id)
         VALUES (gen_random_uuid(), $1::varchar, $1::text, $2, $3, $4)`,
        [scope.username, passwordHash, scope.role, scope.jurisdictionId],
      );
    }
    // Villages numbered 0..n-1, so case i lives in village i mod n.
    await q.query(
      `CREATE TEMP TABLE bench_villages ON COMMIT DROP AS
       SELECT (row_number() OVER (ORDER BY id) - 1)::int AS n, id, path FROM jurisdictions
       WHERE level = 'village' AND id LIKE '371%'`,
    );
    await q.query(`CREATE UNIQUE INDEX ON bench_villages (n)`);
    const [creator] = await q.query(`SELECT id FROM users WHERE username = $1`, [
      BENCH_SCOPES.village.username,
    ]);
    await q.query(
      `INSERT INTO households (id, village_id, address, urban)
       SELECT md5('h' || i)::uuid, v.id, '基准地址' || i, false
       FROM generate_series(0, $1 - 1) i JOIN bench_villages v ON v.n = i % $2`,
      [cases, villageCount],
    );
    await q.query(
      `INSERT INTO household_members (id, household_id, name, id_number, relation, annual_income)
       SELECT md5('m' || i)::uuid, md5('h' || i)::uuid, '户主' || i, '9' || lpad(i::text, 17, '0'), 'head', 5000
       FROM generate_series(0, $1 - 1) i`,
      [cases],
    );
    await q.query(
      `INSERT INTO cases (id, household_id, workflow_id, channel, stage, status, urgent, village_id, jurisdiction_path,
         per_capita_income, application, created_by)
       SELECT md5('c' || i)::uuid, md5('h' || i)::uuid, 'bench-' || i, 'application', 'homeSurvey', 'open',
         i % 50 = 0, v.id, v.path, 5000, '{}'::jsonb, $3
       FROM generate_series(0, $1 - 1) i JOIN bench_villages v ON v.n = i % $2`,
      [cases, villageCount, creator.id],
    );
    // Four closed tasks and one open task per case; the open one is the caseworker's (half), the
    // township's (three in ten) or the county's (two in ten), due from five days ago to two weeks on.
    await q.query(
      `INSERT INTO tasks (id, case_id, kind, stage, status, candidate_role, jurisdiction_id, jurisdiction_path,
         village_id, township_id, county_id, urgent, priority, due_at, opened_at, closed_at, decision,
         household_head, household_head_id_number)
       SELECT md5('c' || i)::text || ':' || k.kind || ':' || k.attempt, md5('c' || i)::uuid, k.kind, k.kind,
         CASE WHEN k.open THEN 'open' ELSE 'completed' END, k.role,
         split_part(v.path, '.', k.depth), array_to_string((string_to_array(v.path, '.'))[1:k.depth], '.'),
         v.id, split_part(v.path, '.', 2), split_part(v.path, '.', 1),
         i % 50 = 0, CASE WHEN i % 50 = 0 THEN 1 ELSE 0 END,
         now() + ((i % 19) - 5) * interval '1 day' + (i % 997) * interval '1 minute',
         now() - interval '30 days', CASE WHEN k.open THEN NULL ELSE now() - interval '20 days' END,
         CASE WHEN k.open THEN NULL ELSE 'approve' END, '户主' || i, '9' || lpad(i::text, 17, '0')
       FROM generate_series(0, $1 - 1) i
       JOIN bench_villages v ON v.n = i % $2
       CROSS JOIN LATERAL (VALUES
         ('homeSurvey', 'caseworker', 3, 1, false),
         ('democraticAppraisal', 'caseworker', 3, 1, false),
         ('townshipReview', 'townshipReviewer', 2, 1, false),
         ('democraticAppraisal', 'caseworker', 3, 2, false),
         (CASE WHEN i % 10 < 5 THEN 'homeSurvey' WHEN i % 10 < 8 THEN 'townshipReview' ELSE 'recognition' END,
          CASE WHEN i % 10 < 5 THEN 'caseworker' WHEN i % 10 < 8 THEN 'townshipReviewer' ELSE 'countyOfficer' END,
          CASE WHEN i % 10 < 5 THEN 3 WHEN i % 10 < 8 THEN 2 ELSE 1 END, 2, true)
       ) AS k(kind, role, depth, attempt, open)`,
      [cases, villageCount],
    );
  });
  await dataSource.query('ANALYZE');
}
