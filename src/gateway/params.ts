/**
 * Query parameters in one voice: every endpoint builds its schema from these pieces, so a
 * problem reads the same wherever it comes from ("must be a whole number from 1 to 20"), says
 * one reason per parameter, and names parameters the endpoint does not have (a typo such as
 * `sourse=` silently ignored would be a wrong answer, not a search).
 */
import type { Request } from 'express';
import { z } from 'zod';
import { invalidParams, type InvalidParam } from './problem.js';

/** A parameter given once; given twice it is refused rather than one copy taken silently. */
export const once = <T extends z.ZodType<unknown, string | undefined>>(schema: T) =>
  z.preprocess((v) => (Array.isArray(v) && v.length === 1 ? v[0] : v), z.union([z.string(), z.undefined()], { error: 'must be given once' }).pipe(schema));

/** How a parameter is documented in /openapi.json: declared with the schema that validates it. */
export type ParamDoc = Record<string, unknown> & { type: string; repeatable?: true };

export function documented<T extends z.ZodType>(schema: T, doc: ParamDoc): T {
  return schema.meta({ param: doc });
}

/** The documentation of a parameter built here (a plain string when it was not). */
export function paramDoc(schema: z.ZodType): ParamDoc {
  return ((z.globalRegistry.get(schema) as { param?: ParamDoc } | undefined)?.param) ?? { type: 'string' };
}

/** A whole number in a range: one reason whatever is wrong with it (not a number, a fraction, too large). */
export function wholeNumber(min: number, max: number, fallback: number) {
  const reason = `must be a whole number from ${min} to ${max}`;
  return documented(
    once(
      z
        .string()
        .optional()
        .transform((v, ctx) => {
          if (v === undefined) return fallback;
          const n = /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
          if (Number.isInteger(n) && n >= min && n <= max) return n;
          ctx.addIssue({ code: 'custom', message: reason });
          return z.NEVER;
        }),
    ),
    { type: 'integer', minimum: min, maximum: max, default: fallback },
  );
}

/** Text up to a length; empty when not given. */
export const text = (max: number) =>
  documented(once(z.string().max(max, `must be at most ${max} characters`).optional()).transform((v) => v ?? ''), { type: 'string', maxLength: max, default: '' });

/** One of a few words. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  documented(once(z.enum(values, { error: `must be one of ${values.join(', ')}` }).optional()).transform((v) => v ?? fallback), { type: 'string', enum: [...values], default: fallback });

/** A yes-or-no switch: true or 1, false or 0; off when not given. */
export const flag = () =>
  documented(
    once(z.enum(['true', '1', 'false', '0'], { error: 'must be true or false' }).optional()).transform((v) => v === 'true' || v === '1'),
    { type: 'boolean', default: false },
  );

/** YYYY-MM-DD naming a day that exists (not 2024-02-30, not 0000-00-00). */
export function isCalendarDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(v);
}

/** A calendar day as YYYY-MM-DD. */
export const day = documented(
  once(
    z
      .string()
      .refine(isCalendarDay, 'must be a calendar date as YYYY-MM-DD')
      .optional(),
  ),
  { type: 'string', format: 'date' },
);

/** One value or several (?source=a&source=b), each short and non-empty after trimming. */
export const repeatable = (maxValues: number, maxChars: number) =>
  documented(
    z
      .union([z.string(), z.array(z.string())])
      .transform((v) => (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter((s) => s !== ''))
      .pipe(z.array(z.string().max(maxChars, `must be values of at most ${maxChars} characters`)).max(maxValues, `must be at most ${maxValues} values`))
      .optional(),
    { type: 'array', items: { type: 'string', maxLength: maxChars }, maxItems: maxValues, repeatable: true },
  );

/**
 * Parses `req.query` (or params) against an endpoint's schema: a 400 problem with one reason per
 * parameter, unknown parameters named each on its own.
 */
export function parseParams<T extends z.ZodType>(schema: T, expected: readonly string[], values: Request['query'] | Request['params']): z.infer<T> {
  const problems: InvalidParam[] = [];
  for (const name of Object.keys(values)) {
    if (!expected.includes(name)) problems.push({ name, reason: `is not a parameter here (the parameters are ${expected.join(', ')})` });
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'query');
      if (!problems.some((p) => p.name === name)) problems.push({ name, reason: issue.message });
    }
  }
  if (problems.length) throw invalidParams(problems);
  return (parsed as { data: z.infer<T> }).data;
}

/** POST /api/admin/reindex. */
export const reindexQuerySchema = z.object({
  /** Rebuild the whole index in a fresh one and swap it in. */
  full: flag(),
  /** Confirms a run that deletes more than MAX_DELETE_SHARE of the indexed files (or finds seeds/ empty). */
  allowMassDelete: flag(),
});
