// A spec's world in one call: the platform, the lifecycle driver on it, and a fresh county with its users.

import { createCounty, type TestCounty } from './county';
import { Lifecycle } from './lifecycle';
import { type Platform, startPlatform } from './platform';

export interface CountyPlatform {
  platform: Platform;
  lifecycle: Lifecycle;
  county: TestCounty;
}

/** Starts the platform and creates the county; the platform is stopped again if the county cannot be made. */
export async function startCountyPlatform(
  options: Parameters<typeof createCounty>[2] = {},
): Promise<CountyPlatform> {
  const platform = await startPlatform();
  try {
    const county = await createCounty(platform.dataSource, platform.baseUrl, options);
    return { platform, lifecycle: new Lifecycle(platform), county };
  } catch (error) {
    await platform.stop();
    throw error;
  }
}
