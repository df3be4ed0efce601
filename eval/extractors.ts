/** The PDF text extractors the typeset-page corpus is read with, one seeds folder each. */
export const EXTRACTORS = ['pdftotext', 'layout', 'pdfjs'] as const;
export type Extractor = (typeof EXTRACTORS)[number];
