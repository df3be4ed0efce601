/** The samples in seeds/ against what a careful editor finds in them (test/acceptance/seeds-truth.json). */
import path from 'node:path';
import { SEEDS } from '../helpers/env.js';
import { acceptanceSuite } from './suite.js';

acceptanceSuite('seeds/ as a careful editor finds them', SEEDS, path.join(import.meta.dirname, 'seeds-truth.json'));
