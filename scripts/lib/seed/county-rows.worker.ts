// Makes one county's rows in a worker thread, so that the next county is made while the last one is copied.

import { parentPort, workerData } from 'node:worker_threads';
import { type CountyRowsOptions, countyRows } from './county-rows';

parentPort!.postMessage(countyRows(workerData as CountyRowsOptions));
