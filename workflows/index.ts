// Every workflow the worker registers.
export { householdCase } from './household-case/household-case.workflow';
export { dataCheck } from './data-check.workflow';
export { supportMeasure } from './support-measure.workflow';
