// Every integration spec file: a failed test leaves what the browsers it drove saw during it (page-log.ts),
// whether the spec started them through browserSpec() or itself.

import { testFailed } from './environment';
import { keepFailedPages } from './page-log';

afterEach(async () => {
  if (testFailed()) await keepFailedPages();
});
