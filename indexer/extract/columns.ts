/**
 * columns: text that keeps a page's physical layout (`pdftotext -layout`, a PDF viewer's "copy
 * with layout") puts the columns of a newspaper page side by side on each line, so that reading a
 * line runs across several articles. The page is cut back into its text regions by recursive
 * XY-cut (Nagy and Seth's page segmentation): a region is split at a gutter, a strip of character
 * positions blank on every one of its rows, or at a run of blank rows; each part is cut again
 * until none can be. The wider whitespace is cut first, as XY-cut takes the deepest valley of
 * its projection profiles: a page of stories stacked as modules (a story over two columns, blank
 * rows, the next below) is cut between its modules before their columns (always at three blank
 * rows, however wide the gutters: -layout sets them anywhere from two positions to twenty), a page
 * of columns running its whole height between its columns, and so is a blank run a column's big
 * headline runs on across (boxRunsAcross); a headline spanning the columns under it, with no
 * blank row between, is peeled off the top first; the lines of a big headline, far apart over
 * its column, are read with the columns under them (scatteredOver), and a side headline's box
 * taller than the text beside it with its tail (tailUnder); parts cut at single blank rows that a
 * gutter runs down are read as one region (gutterRuns). The regions come out in reading
 * order (left to right, top to bottom), one block each, as a reading-order extractor gives them.
 */
import { PARAGRAPH_END } from './lexicon.js';
import { hanWordAcross } from '../../src/text/segment.js';

/** A line counts as laid out when it has a run of this many spaces between two pieces of text. */
const LAYOUT_GAP = /\S {3,}\S/;
/** Share of non-blank lines with such a gap above which the text is a laid-out page… */
const MIN_LAYOUT_SHARE = 0.2;
/** …and how many such lines it needs at least. */
const MIN_LAYOUT_LINES = 5;
/** A gutter is at least this many blank character positions wide. */
const MIN_GUTTER = 2;
/**
 * A column is at least this many character positions wide: a narrow headline box beside its text
 * sets three Chinese characters a line (each as wide as two positions of Latin text); the pieces
 * of a letter-spaced line stand one or two apart.
 */
const MIN_COLUMN = 3;
/** Rows at least on each side of a gutter one position wide that set their text flush against it. */
const MIN_EDGE_ROWS = 2;
/** Rows peeled off a region's top or bottom to find the columns under a spanning headline. */
const MAX_PEEL = 4;

/** A blank row weighs as much as this many blank character positions when the wider cut is chosen. */
const ROW_CELLS = 3;
/** Blank rows across every column that part stacked stories whatever the gutters' width (fewer are a headline's leading or a paragraph's gap). */
const MIN_STACK_GAP = 3;
/** Blank rows at least between two stories stacked as modules (one is a paragraph's gap, or another column's leading)… */
const MIN_MODULE_GAP = 2;
/** …each a module of this many rows at least. */
const MIN_MODULE_ROWS = 2;

/** Rows at most between two lines of a headline box's big type. */
const MAX_BOX_LEADING = 8;

/** Lines at most of a side headline's box. */
const MAX_BOX_LINES = 8;

/** Rows at most that another column's lines, set at another leading, put between two of a column's lines. */
const MAX_INTERLEAVED = 8;

/** A paragraph's first line is set in from its column's edge by this many positions at most (an indent of two characters)… */
const MAX_INDENT = 4;
/** …and is written with a Chinese paragraph's indent, two ideographic spaces, which parse reads (textToBlocks). */
const PARAGRAPH_INDENT = '\u3000\u3000';

/** A line set in a column far from the page's left edge, nothing before it on its row. */
const FAR_INDENT = /^ {12,}\S/;

/**
 * True when a text keeps a page's layout: many lines hold text far apart on the same row, or
 * start far from the left edge (the columns of a page whose rows do not line up across columns
 * stand each on rows of their own, the right one behind a run of spaces).
 */
export function isLaidOut(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const gapped = lines.filter((l) => LAYOUT_GAP.test(l.trim()) || FAR_INDENT.test(l)).length;
  return gapped >= MIN_LAYOUT_LINES && gapped / lines.length >= MIN_LAYOUT_SHARE;
}

interface Region {
  top: number;
  bottom: number; // exclusive
  left: number;
  right: number; // exclusive
}

type Grid = string[][];

const blankAt = (row: string[], c: number) => c >= row.length || row[c] === ' ';

function rowBlank(grid: Grid, r: number, left: number, right: number): boolean {
  const row = grid[r]!;
  for (let c = left; c < Math.min(right, row.length); c++) if (row[c] !== ' ') return false;
  return true;
}

/** The region without its blank rows and columns at the edges, or null when nothing is left. */
function trim(grid: Grid, g: Region): Region | null {
  let { top, bottom, left, right } = g;
  while (top < bottom && rowBlank(grid, top, left, right)) top++;
  while (bottom > top && rowBlank(grid, bottom - 1, left, right)) bottom--;
  if (top >= bottom) return null;
  const columnBlank = (c: number) => {
    for (let r = top; r < bottom; r++) if (!blankAt(grid[r]!, c)) return false;
    return true;
  };
  while (left < right && columnBlank(left)) left++;
  while (right > left && columnBlank(right - 1)) right--;
  return { top, bottom, left, right };
}

/** Gutters of a region: its parts between strips of at least MIN_GUTTER columns blank on every row. */
function verticalParts(grid: Grid, g: Region): Region[] {
  return verticalCuts(grid, g).parts;
}

/** A region's parts between its gutters, and the widest gutter (0 when there is none). */
function verticalCuts(grid: Grid, g: Region): { parts: Region[]; widest: number } {
  const blank: boolean[] = [];
  for (let c = g.left; c < g.right; c++) {
    let empty = true;
    for (let r = g.top; r < g.bottom && empty; r++) empty = blankAt(grid[r]!, c);
    blank.push(empty);
  }
  const parts: Region[] = [];
  let start = 0;
  let widest = 0;
  for (let i = 0; i < blank.length; ) {
    if (!blank[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < blank.length && blank[j]) j++;
    // A column holds more than a character or two: the gaps of a letter-spaced line are no gutters.
    // (A strip one position wide is a gutter where text stands flush against it on both sides:
    // pdftotext -layout sets a side box one space from its text, a Chinese character one position.)
    if ((j - i >= MIN_GUTTER || (j - i === 1 && alignedEdge(grid, g, g.left + start, g.left + i))) && i - start >= MIN_COLUMN && blank.length - j >= MIN_COLUMN) {
      parts.push({ ...g, left: g.left + start, right: g.left + i });
      start = j;
      widest = Math.max(widest, j - i);
    }
    i = j;
  }
  if (parts.length === 0) return { parts: [g], widest: 0 };
  parts.push({ ...g, left: g.left + start, right: g.right });
  return { parts, widest };
}

/**
 * True when a strip one position wide at `at` (blank on every row of the region) runs between text
 * set flush against it on both sides: MIN_EDGE_ROWS rows at least whose text from `from` ends right
 * before it, and as many with nothing there whose text starts right after it (the left edge of a
 * column the strip runs down, with a side box beside it). A blank strip that runs through one
 * column's text by chance has text on its left on every row.
 */
function alignedEdge(grid: Grid, g: Region, from: number, at: number): boolean {
  let flushLeft = 0;
  let edge = 0;
  for (let r = g.top; r < g.bottom; r++) {
    const row = grid[r]!;
    let last = -1;
    for (let c = from; c < at && c < row.length; c++) if (row[c] !== ' ') last = c;
    if (last === at - 1) flushLeft++;
    else if (last < 0 && row[at + 1] !== undefined && row[at + 1] !== ' ') edge++;
  }
  return flushLeft >= MIN_EDGE_ROWS && edge >= MIN_EDGE_ROWS;
}

/**
 * A row blank in a region only because another column set a line there (the page's row holds
 * text elsewhere), between two rows of the region's text: columns of different leading interleave
 * their rows so, a headline in big type one line every few of the text's rows. A run of up to
 * MAX_INTERLEAVED such rows is no gap in the region's text.
 */
function interleaved(grid: Grid, g: Region, r: number): boolean {
  if (r <= g.top || r + 1 >= g.bottom || rowBlank(grid, r, 0, Infinity)) return false;
  // The run of such rows this one stands in, each with text elsewhere on the page.
  let up = r;
  while (up > g.top && rowBlank(grid, up - 1, g.left, g.right) && !rowBlank(grid, up - 1, 0, Infinity) && r - up < MAX_INTERLEAVED) up--;
  let down = r;
  while (down + 1 < g.bottom && rowBlank(grid, down + 1, g.left, g.right) && !rowBlank(grid, down + 1, 0, Infinity) && down - r < MAX_INTERLEAVED) down++;
  return down - up + 1 <= MAX_INTERLEAVED && up > g.top && down + 1 < g.bottom && !rowBlank(grid, up - 1, g.left, g.right) && !rowBlank(grid, down + 1, g.left, g.right);
}

/**
 * A region's parts between its widest runs of blank rows, and how wide those are (0 when there
 * is none). Only the widest are cut, as XY-cut takes the deepest valley first: the narrower runs
 * are weighed again inside each part against its gutters, so a blank row inside a column (a line
 * of a big headline every few rows, a row no column happened to set a line on) cuts the column
 * alone once the gutters have been cut, not every column of the page across.
 */
function horizontalParts(grid: Grid, g: Region): { parts: Region[]; widest: number } {
  const runs: Array<{ top: number; bottom: number }> = [];
  for (let r = g.top; r < g.bottom; r++) {
    if (!rowBlank(grid, r, g.left, g.right) || interleaved(grid, g, r)) continue;
    const last = runs.at(-1);
    if (last?.bottom === r) last.bottom = r + 1;
    else runs.push({ top: r, bottom: r + 1 });
  }
  const widest = Math.max(0, ...runs.map((run) => run.bottom - run.top));
  const parts: Region[] = [];
  let start = g.top;
  for (const run of runs) {
    if (run.bottom - run.top < widest) continue;
    if (run.top > start) parts.push({ ...g, top: start, bottom: run.top });
    start = run.bottom;
  }
  if (start < g.bottom) parts.push({ ...g, top: start, bottom: g.bottom });
  return { parts, widest };
}

/**
 * True when the parts between blank rows set their text on grids of their own: some part (of
 * MIN_MODULE_ROWS rows at least, not a headline's line beside another column's) has a gutter
 * where the region has none. Stories stacked as modules each lay out their own columns; where
 * their gutters happen to line up, the region's gutters run through both, and cutting those first
 * would read the first column of the story above and then the first of the story below.
 */
function ownColumns(grid: Grid, parts: Region[], columns: Region[]): boolean {
  const edges = columns.slice(1).map((c) => c.left);
  return parts.some((part) => {
    const t = trim(grid, part);
    if (!t || t.bottom - t.top < MIN_MODULE_ROWS) return false;
    const own = verticalParts(grid, t);
    return own.length > 1 && own.slice(1).some((c) => !edges.some((e) => Math.abs(e - c.left) <= 1));
  });
}

/**
 * Columns read across two parts: each column from its left edge to the next one's (the first and
 * the last out to the parts' edges), from `top` to `bottom`.
 */
function columnsAcross(cols: Region[], above: Region, below: Region, top: number, bottom: number): Region[] {
  return cols.map((c, n) => ({ top, bottom, left: n === 0 ? Math.min(above.left, below.left) : c.left, right: n === cols.length - 1 ? Math.max(above.right, below.right) : cols[n + 1]!.left }));
}

/** The page's first row with text: its running head where it has one. */
function pageTop(grid: Grid): number {
  let r = 0;
  while (r < grid.length && rowBlank(grid, r, 0, Infinity)) r++;
  return r;
}

/**
 * The columns of the part below, across both parts, when the part above is no module of its own
 * but the scattered lines of what stands over those columns: a few rows, each with text in one of
 * the columns below and none in their gutters, the rows together in more than one column (a big
 * headline's lines, far apart, beside another column's label), a row in two columns only where
 * each piece starts at its column's edge. Null otherwise.
 */
function scatteredOver(grid: Grid, above: Region, below: Region): Region[] | null {
  const a = trim(grid, above);
  const b = trim(grid, below);
  if (!a || !b || a.bottom - a.top > MAX_PEEL) return null;
  const cols = verticalParts(grid, b);
  if (cols.length < 2) return null;
  const edges = columnsAcross(cols, above, below, above.top, below.bottom);
  const used = new Set<number>();
  const head = pageTop(grid);
  for (let r = a.top; r < a.bottom; r++) {
    const row = grid[r]!;
    const inRow = new Set<number>();
    let flush = true;
    let last = -Infinity;
    for (let c = a.left; c < Math.min(a.right, row.length); c++) {
      if (row[c] === ' ') continue;
      const k = edges.findIndex((e) => c >= e.left && c < e.right);
      // Text in a gutter below: a line of its own layout.
      if (k < 0 || (k < edges.length - 1 && c >= cols[k]!.right)) return null;
      // A piece (text after a gap as wide as a gutter) set flush with its column's left edge.
      if (c - last > MIN_GUTTER && Math.abs(c - cols[k]!.left) > 1) flush = false;
      last = c;
      inRow.add(k);
    }
    // Text in two columns on one row is a line of its own layout, unless every piece starts at
    // its column's left edge (the tops of two columns set on one baseline: one story's kicker,
    // the next column's label) on a row other than the page's first (the running head, whose
    // pieces stand across the page wherever its grid puts them).
    if (inRow.size > 1 && (!flush || r === head)) return null;
    for (const k of inRow) used.add(k);
  }
  return used.size < 2 ? null : edges;
}

/**
 * The columns of the part above, down to the end of the part below's tail, when that tail (its
 * first rows, down to a blank row) is the tail of one of them: a few rows, all their text under one
 * column of the part above and short of the next, that column a box there (eight lines at most,
 * its last lines a row or more apart: big type, the last ending no sentence) ending a few rows
 * over the tail (a side headline taller than the text beside it). Null otherwise.
 */
function tailUnder(grid: Grid, above: Region, below: Region): { columns: Region[]; bottom: number } | null {
  const a = trim(grid, above);
  const whole = trim(grid, below);
  if (!a || !whole) return null;
  // The tail: the part's rows down to its first blank row (what stands after is cut as it is).
  let end = whole.top;
  while (end < whole.bottom && !rowBlank(grid, end, whole.left, whole.right)) end++;
  const b = trim(grid, { ...whole, bottom: end });
  if (!b || b.bottom - b.top > MAX_PEEL) return null;
  const cols = verticalParts(grid, a);
  if (cols.length < 2) return null;
  // The column the tail stands in: from its left edge to a gutter's width before the next column
  // (the first column's left and the last one's right open). The tail may be wider than the box's
  // lines: a subtitle or a byline under a box of big type holds more characters a line.
  const k = cols.findIndex((c, n) => (n === 0 || b.left >= c.left) && (n === cols.length - 1 || b.right <= cols[n + 1]!.left - MIN_GUTTER));
  if (k < 0) return null;
  const c = cols[k]!;
  const rows: number[] = [];
  for (let r = a.top; r < a.bottom; r++) if (!rowBlank(grid, r, c.left, c.right)) rows.push(r);
  // A box of a few lines (not a column of text), its last lines set a row or more apart (big
  // type), the last with no sentence's end.
  const last = rows.slice(-3);
  if (last.length < 2 || rows.length > MAX_BOX_LINES || last.some((r, n) => n > 0 && r - last[n - 1]! < 2) || b.top - rows.at(-1)! > MAX_PEEL + 1) return null;
  if (/[。；]\s*$/.test(grid[rows.at(-1)!]!.slice(c.left, c.right).join(''))) return null;
  return { columns: columnsAcross(cols, above, below, above.top, end), bottom: end };
}

/**
 * True when a column's big headline runs on across a blank run between the parts: the column's last
 * two lines over the run (in the part above it) set a row or more apart in big type (half the
 * characters of a line of the widest column at most), neither with a sentence's end, and its text
 * going on within a few rows under the run. (Another column's lines interleaved set a column of
 * text a row apart too, but its lines are full.) Or its last two lines farther up, three rows or
 * more apart, and its next line under the run at that leading. The run is then the headline's
 * leading and the rows another column left blank, no gap between stories.
 */
function boxRunsAcross(grid: Grid, parts: Region[], columns: Region[]): boolean {
  const text = (r: number, c: Region) => grid[r]!.slice(c.left, c.right).join('').trim();
  // Big type holds half the characters a line of the widest column does, at most.
  const measure = Math.max(...columns.map((c) => c.right - c.left));
  return parts.slice(1).some((below, k) => {
    const [top, bottom] = [parts[k]!.bottom, below.top];
    return columns.some((c) => {
      const over: number[] = [];
      for (let r = top - 1; r >= Math.max(parts[k]!.top, top - MAX_PEEL - 1) && over.length < 2; r--) if (!rowBlank(grid, r, c.left, c.right)) over.push(r);
      const shortLines = (rows: number[]) => !rows.some((r) => /[。；]/.test(text(r, c)) || text(r, c).length > measure / 2);
      if (over.length === 2 && over[0]! - over[1]! >= 2 && shortLines(over)) {
        for (let r = bottom; r < Math.min(below.bottom, bottom + MAX_PEEL + 1); r++) if (!rowBlank(grid, r, c.left, c.right)) return true;
        return false;
      }
      // Big type set wider apart than the rows read above (another column's text went on a row or two
      // after the box's last line): its last two lines over the run, however far apart, and its next
      // line under the run at their leading (the box goes on at its own leading, a row off at most).
      const far: number[] = [];
      for (let r = top - 1; r >= Math.max(parts[k]!.top, top - MAX_BOX_LEADING - MAX_PEEL) && far.length < 2; r--) if (!rowBlank(grid, r, c.left, c.right)) far.push(r);
      if (far.length < 2 || !shortLines(far)) return false;
      const leading = far[0]! - far[1]!;
      if (leading < 3 || leading > MAX_BOX_LEADING) return false;
      for (let r = bottom; r < Math.min(below.bottom, far[0]! + leading + 2); r++) if (!rowBlank(grid, r, c.left, c.right)) return Math.abs(r - far[0]! - leading) <= 1;
      return false;
    });
  });
}

/**
 * Parts (cut at single blank rows) joined into runs, each run as long as a gutter runs down all its
 * parts: a side headline's box in big type, a blank row between its lines, beside its text. A
 * line spanning the page under them (a brief's headline, a label over the next story) leaves the
 * whole region without a gutter, so its blank rows are cut first; read part by part, the box's
 * every line would then be read with the text beside it on its rows. One blank row is a leading
 * or a paragraph's gap, not a gap between stories (MIN_MODULE_GAP): the run is read as the region
 * it would be without the spanning line, its gutters cut first.
 */
function gutterRuns(grid: Grid, parts: Region[]): Region[] {
  const out: Region[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (last) {
      const both = trim(grid, { ...last, bottom: part.bottom });
      if (both && verticalParts(grid, both).length > 1) {
        out[out.length - 1] = { ...last, bottom: part.bottom };
        continue;
      }
    }
    out.push(part);
  }
  return out;
}

/** The regions of a region, in reading order. */
function cut(grid: Grid, region: Region, out: Region[]): void {
  const g = trim(grid, region);
  if (!g) return;
  // The wider whitespace is cut first (XY-cut's valleys): a gutter a few characters wide between
  // columns, or blank rows between the stories stacked on the page, a row as tall as ROW_CELLS characters are wide.
  const columns = verticalCuts(grid, g);
  const bands = horizontalParts(grid, g);
  // Stories stacked as modules on grids of their own are cut apart first, however narrow the blank rows between.
  const modules = bands.parts.length > 1 && columns.parts.length > 1 && bands.widest >= MIN_MODULE_GAP && ownColumns(grid, bands.parts, columns.parts);
  // A run of MIN_STACK_GAP blank rows across every column parts stacked stories, however wide the
  // gutters (pdftotext -layout sets a gutter anywhere from two positions to twenty, a blank row is a
  // blank row); but no blank run is cut first where a column's big headline runs on across it.
  const wider = bands.widest * ROW_CELLS >= columns.widest || bands.widest >= MIN_STACK_GAP;
  const bandsFirst = bands.parts.length > 1 && (modules || (wider && !(columns.parts.length > 1 && boxRunsAcross(grid, bands.parts, columns.parts))));
  const first = bandsFirst ? bands.parts : columns.parts.length > 1 ? columns.parts : bands.parts;
  if (first.length > 1) {
    if (first === bands.parts) {
      // Parts cut at single blank rows that a gutter runs down together are read as one region first.
      const parts = columns.parts.length === 1 && bands.widest < MIN_MODULE_GAP ? gutterRuns(grid, first) : first;
      // The scattered lines of what stands over the columns of the part below are read with those
      // columns; the tail of a side headline's box, under the text beside it, with the box's column.
      for (let i = 0; i < parts.length; i++) {
        const [part, next] = [parts[i]!, parts[i + 1]];
        const scattered = next ? scatteredOver(grid, part, next) : null;
        const tail = next && !scattered ? tailUnder(grid, part, next) : null;
        if (scattered) for (const c of scattered) cut(grid, c, out);
        else if (tail) {
          for (const c of tail.columns) cut(grid, c, out);
          cut(grid, { ...next!, top: tail.bottom }, out);
        } else cut(grid, part, out);
        if (scattered || tail) i++;
      }
      return;
    }
    for (const part of first) cut(grid, part, out);
    return;
  }
  // A headline or a page head spanning the columns under it, with no blank row between.
  const rows = g.bottom - g.top;
  const hasColumns = (part: Region) => {
    const t = trim(grid, part);
    return t !== null && verticalParts(grid, t).length > 1;
  };
  for (let k = 1; k <= Math.min(MAX_PEEL, rows - 2); k++) {
    if (hasColumns({ ...g, top: g.top + k })) {
      cut(grid, { ...g, bottom: g.top + k }, out);
      cut(grid, { ...g, top: g.top + k }, out);
      return;
    }
    if (hasColumns({ ...g, bottom: g.bottom - k })) {
      cut(grid, { ...g, bottom: g.bottom - k }, out);
      cut(grid, { ...g, top: g.bottom - k }, out);
      return;
    }
  }
  out.push(g);
}

/** A laid-out page as its text regions in reading order, one block (blank-line separated) each. */
export function unfoldColumns(text: string): string {
  const grid: Grid = text.split('\n').map((l) => Array.from(l.replace(/\t/g, '    ').trimEnd()));
  const width = Math.max(0, ...grid.map((r) => r.length));
  const regions: Region[] = [];
  cut(grid, { top: 0, bottom: grid.length, left: 0, right: width }, regions);
  return regions
    .map((g) => {
      const rows: string[][] = [];
      for (let r = g.top; r < g.bottom; r++) if (!(rowBlank(grid, r, g.left, g.right) && interleaved(grid, g, r))) rows.push(grid[r]!.slice(g.left, g.right));
      const at = rows.map((row) => row.findIndex((c) => c !== ' '));
      const end = rows.map((row) => row.join('').trimEnd().length);
      return rows
        .map((row, k) => {
          const text = row.join('').trim();
          // (A line set in but not half as long as the line under it is no paragraph's first line,
          // which runs about to its column's edge, but a label or a title set off the edge.)
          // A paragraph of one line, set in, ends its sentence before a blank row (or the region's
          // end), or before another line set in as far (the next one-line paragraph): a brief's text
          // under its headline. Not a paragraph's last line a word runs on into from the line
          // above (声明作 / 废。).
          // (The seam is read last, with jieba, on the few lines set in that end a sentence.)
          const alone = () => (at[k + 1] === undefined || at[k + 1]! < 0 || at[k + 1] === at[k]) && PARAGRAPH_END.test(text) && !(k > 0 && hanWordAcross(rows[k - 1]!.join('').trim(), text) > 0);
          // (So is the next of them: set in as far under a line set in that ended its sentence.)
          const afterOneLine = k > 0 && at[k - 1] === at[k] && PARAGRAPH_END.test(rows[k - 1]!.join('').trim());
          const setIn = at[k]! >= 1 && at[k]! <= MAX_INDENT && (k === 0 || at[k - 1] === 0 || afterOneLine) && ((at[k + 1] === 0 && end[k]! * 2 >= end[k + 1]!) || alone());
          return setIn ? PARAGRAPH_INDENT + text : text;
        })
        .join('\n');
    })
    .join('\n\n');
}
