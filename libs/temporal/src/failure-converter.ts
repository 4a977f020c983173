// Failure messages and stack traces go into Temporal's store as an encoded payload (which the payload codec
// encrypts), not as text: an activity's error, an Update's refusal or a workflow's failure may quote personal
// data (a department's answer with ID numbers, a database message). The store shows "Encoded failure".
// Loaded by path in the workflow bundle (bundleCaseWorkflows) and in every client and worker (caseDataConverter),
// so it imports nothing but the SDK's common package.

import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
