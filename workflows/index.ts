// Every workflow the worker registers.
export { householdCase } from './household-case.workflow';
