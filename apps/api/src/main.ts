// The HTTP service alone, as one process (npm start runs it for you; docker-compose runs it as the `api`
// service). cluster.ts runs several of it behind one port.

import { runApi } from './start-api';

runApi();
