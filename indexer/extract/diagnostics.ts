import { flat } from './strings.js';
import type { Diagnostic, Severity } from './types.js';

/** Reasons seen so far, each kept once; bounded, since a reason can name its file's particulars. */
const commonReasons = new Map<string, string>();
const MAX_COMMON_REASONS = 4096;

/** Collects diagnostics for one file, as a vfile does; stages report through it instead of throwing. */
export class Reporter {
  readonly messages: Diagnostic[] = [];
  constructor(readonly file: string) {}

  /**
   * The reason is kept flat, and one copy of each text serves every file that has it ("decoded
   * as gb18030", "headlines before their bodies"): a run's report holds every file's diagnostics
   * until it ends (49k reasons at 100k articles, 2.5 MB as a copy each).
   */
  report(severity: Severity, rule: string, reason: string, place?: string): void {
    let text = commonReasons.get(reason);
    if (text === undefined) {
      text = flat(reason);
      if (commonReasons.size < MAX_COMMON_REASONS) commonReasons.set(text, text);
    }
    this.messages.push(place === undefined ? { file: this.file, rule, reason: text, severity } : { file: this.file, place, rule, reason: text, severity });
  }
  error(rule: string, reason: string, place?: string): void {
    this.report('error', rule, reason, place);
  }
  warn(rule: string, reason: string, place?: string): void {
    this.report('warning', rule, reason, place);
  }
  info(rule: string, reason: string, place?: string): void {
    this.report('info', rule, reason, place);
  }
  /** The diagnostics in an array of their size: one grown by push keeps room for 16, and a run keeps every file's. */
  list(): Diagnostic[] {
    return this.messages.slice();
  }
  get failed(): boolean {
    return this.messages.some((m) => m.severity === 'error');
  }
}

/** One line per diagnostic: `file:place rule severity: reason`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}${d.place ? `:${d.place}` : ''} ${d.severity} [${d.rule}] ${d.reason}`;
}
