export { CaseTaskActivitiesImpl } from './case-tasks.activities';
