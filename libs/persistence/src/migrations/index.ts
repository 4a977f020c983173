import { Foundation1795400000000 } from './1795400000000-foundation';

/** Every migration, oldest first. Listed here (not globbed) so ts-jest and dist/ load the same set. */
export const MIGRATIONS = [Foundation1795400000000];
