// The forms of the support phase (plan, measures, temporary assistance, periodic review), by task kind.

import type { LazyExoticComponent, ComponentType } from 'react';
import type { TaskKind } from '@domain';
import type { TaskFormProps } from '../form-props';

export const supportForms: Partial<Record<TaskKind, LazyExoticComponent<ComponentType<TaskFormProps>>>> = {};
