/**
 * What every JSON body must satisfy before any handler sees it (README, "Request bodies"):
 * at most BODY_LIMIT, well-formed JSON, nesting at most MAX_BODY_DEPTH, no key that could reach
 * an object's prototype, no NUL or lone UTF-16 surrogate in a string or key. Checked once, in
 * middleware, so a refused request changes nothing.
 */
import type { NextFunction, Request, Response } from 'express';
import type { FieldError } from '../../../../libs/forms/form-registry';
import { ApiException } from './api-exception';

export const BODY_LIMIT = '1mb';
export const MAX_BODY_DEPTH = 32;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function stringProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain unpaired UTF-16 surrogates';
  return undefined;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The first problem in a parsed body, naming the field by its path (`input.evidence.0.name`). */
export function bodyProblem(body: unknown): FieldError | undefined {
  // Iterative, so a hostile depth cannot exhaust the stack before it is refused.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const message = stringProblem(value);
      if (message) return { field: path || 'body', message: `${path || 'body'} ${message}` };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth + 1 > MAX_BODY_DEPTH) return { field: path || 'body', message: `${path || 'body'} is nested deeper than ${MAX_BODY_DEPTH} levels` };
    for (const key of Object.keys(value)) {
      const field = join(path, key);
      if (FORBIDDEN_KEYS.has(key)) return { field, message: `the key ${key} is not allowed` };
      const message = stringProblem(key);
      if (message) return { field, message: `a key ${message}` };
      stack.push({ value: (value as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Runs after the JSON parser: refuses a parsed body with a problem before routing. */
export function bodyGuard(req: Request, _res: Response, next: NextFunction): void {
  const problem = bodyProblem(req.body);
  next(problem ? ApiException.validation([problem]) : undefined);
}
