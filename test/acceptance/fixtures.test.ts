/**
 * Generalisation: the project's own fixture files (test/fixtures/<case>/input.*, written for this
 * project in the shapes and encodings the samples have and lack) against their expected.json,
 * with the same acceptance check as the samples. Reprints across cases are listed in
 * test/fixtures/stories.json. Every case is copied into one seeds folder, named after its case.
 */
import { acceptanceSuite } from './suite.js';
import { assembleFixtures } from '../../eval/corpus.js';

const { seedsDir, truthFile } = await assembleFixtures();
acceptanceSuite('own fixtures (files the samples do not show) as an editor finds them', seedsDir, truthFile);
