import { randomUUID } from 'node:crypto';
import { hash } from 'bcryptjs';
import type { DataSource } from 'typeorm';
import type { Role } from '@libs/domain';
import { DEMO_PASSWORD } from '../../scripts/lib/demo-county';
import { ApiClient } from './platform';

/** A user beside the demo ones (same password), for specs that need two people in one place. */
export async function createUser(
  dataSource: DataSource,
  role: Role,
  jurisdictionId: string,
  department?: string,
): Promise<{ id: string; username: string }> {
  const id = randomUUID();
  const username = `${role}_${id.slice(0, 8)}`;
  await dataSource.query(
    `INSERT INTO users (id, username, display_name, password_hash, role, jurisdiction_id, department)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      username,
      `测试用户${id.slice(0, 4)}`,
      await hash(DEMO_PASSWORD, 4),
      role,
      jurisdictionId,
      department ?? null,
    ],
  );
  return { id, username };
}

/** Signs in a new user of that role and place: most specs' caseworker of a village of their own. */
export async function signInNewUser(
  platform: { dataSource: DataSource; baseUrl: string },
  role: Role,
  jurisdictionId: string,
  department?: string,
): Promise<ApiClient> {
  const { username } = await createUser(platform.dataSource, role, jurisdictionId, department);
  return ApiClient.login(platform.baseUrl, username);
}
