/**
 * Index settings as code. Applied before documents on every run (only when the engine's
 * differ, since changing them re-indexes everything). Two indexes: stories, which searches read,
 * and chunks, the store of each article (docs/engine-notes.md: distinct and counts).
 */
import { ABBREVIATIONS, VARIANT_WORDS } from '../text/synonyms.js';

export const FACET_FIELDS = ['source', 'topics', 'year', 'month'] as const;

/** Two-way synonyms from word pairs: each word finds the other. */
export function synonymsOf(pairs: [string, string][]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [a, b] of pairs) {
    out[a] = [...new Set([...(out[a] ?? []), b])].sort();
    out[b] = [...new Set([...(out[b] ?? []), a])].sort();
  }
  return out;
}

/**
 * The story index: what searches read. One document per story (indexer/sync/story.ts), so a search
 * returns one hit per story and its totals and facet counts are plain bitmap counts of stories.
 */
export const storyIndexSettings = {
  // Title, then the dateline's place (where the report comes from: a search for a place ranks the
  // reports datelined there above a kicker or text that names it in passing), then the kicker and
  // the column the story runs in;
  // then an article's salient terms (so the article about a thing outranks one that mentions it:
  // the engine does not count occurrences); then the text.
  // Words inside longer words come last: found, but ranked below a match in the text itself.
  searchableAttributes: ['title', 'place', 'kicker', 'column', 'keywords', 'text', 'reporters', 'source', 'topics', 'subwords'],
  filterableAttributes: ['id', 'source', 'topics', 'year', 'month', 'dateTs', 'articleId'],
  sortableAttributes: ['dateTs'],
  displayedAttributes: ['*'],
  // `sort` first: a search that asks for newest or oldest is in date order on every page (the
  // engine puts documents without a dateTs after the others in both directions); one that asks
  // for nothing is ranked by relevance, as the rule does nothing without a sort parameter.
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'dateTs:desc'],
  // Chinese text: the segmenter must not mistake it for Japanese (meilisearch#4146).
  localizedAttributes: [{ attributePatterns: ['title', 'kicker', 'column', 'keywords', 'text', 'reporters', 'place', 'subwords'], locales: ['cmn'] }],
  faceting: { maxValuesPerFacet: 200, sortFacetValuesBy: { '*': 'count' as const } },
  // Nothing here searches within facet values (/facet-search). Left on, the engine rebuilt that
  // structure after every batch: 0.32 s of a 0.6 s one-file batch on a 235k-document index.
  facetSearch: false,
  pagination: { maxTotalHits: 1000 },
  // Typos start at 5 characters, which Chinese words rarely reach; Latin tokens such as C919 or 5G keep exact.
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
  searchCutoffMs: 1500,
  // Mainland and Taiwan words for the same thing, and abbreviations (indexer/extract/lexicon.ts).
  synonyms: synonymsOf([...VARIANT_WORDS, ...ABBREVIATIONS]),
};

/**
 * The chunk index: each article's text in passages of a few hundred characters, with its fields;
 * the article page and the sync read it by filter. Nothing searches it, so nothing in it is
 * searchable: its words would cost a rebuild as much indexing as the story index's.
 */
export const chunkIndexSettings = {
  searchableAttributes: [] as string[],
  filterableAttributes: ['articleId', 'storyId', 'file', 'chunkIndex'],
  sortableAttributes: [] as string[],
  displayedAttributes: ['*'],
  facetSearch: false,
  pagination: { maxTotalHits: 1000 },
};

export type IndexSettings = typeof chunkIndexSettings | typeof storyIndexSettings;

/** The story index that goes with a chunk index (the live one, or a rebuild's build index). */
export function storyIndexOf(chunkIndex: string): string {
  return `${chunkIndex}__stories`;
}
