// Jest's global set-up and tear-down are loaded by Node itself, outside the moduleNameMapper of the specs:
// they resolve tsconfig.json's path aliases (@libs/…) through tsconfig-paths. Imported first.

import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../tsconfig.json';

register({ baseUrl: `${__dirname}/../..`, paths: compilerOptions.paths });
