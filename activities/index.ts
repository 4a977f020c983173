export { CaseActivities } from './lifecycle.activities';
