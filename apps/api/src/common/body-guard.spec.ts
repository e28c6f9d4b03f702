import { bodyProblem, MAX_BODY_DEPTH } from './body-guard';

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
};

describe('bodyProblem', () => {
  it('accepts ordinary bodies, Chinese text and emoji (paired surrogates)', () => {
    expect(bodyProblem({ type: 'objection', input: { subjectName: '武汉长江示范科技有限公司', evidence: [{ name: '完税证明 📄' }], n: 1, ok: true, none: null } })).toBeUndefined();
    expect(bodyProblem(undefined)).toBeUndefined();
    expect(bodyProblem(nested(MAX_BODY_DEPTH))).toBeUndefined();
  });

  it('refuses NUL and lone surrogates, naming the field path', () => {
    expect(bodyProblem({ input: { evidence: [{ name: 'a\u0000b' }] } })).toEqual({ field: 'input.evidence.0.name', message: expect.stringMatching(/NUL/) });
    expect(bodyProblem({ comment: 'x\ud800' })).toEqual({ field: 'comment', message: expect.stringMatching(/surrogate/) });
    expect(bodyProblem({ comment: '\udc00x' })).toMatchObject({ field: 'comment' });
    expect(bodyProblem({ data: { ['k\u0000']: 1 } })).toMatchObject({ field: 'data.k\u0000', message: expect.stringMatching(/key/) });
  });

  it(`refuses objects nested deeper than ${MAX_BODY_DEPTH} levels`, () => {
    const problem = bodyProblem(nested(MAX_BODY_DEPTH + 1));
    expect(problem?.message).toMatch(/nested deeper than 32/);
    expect(problem?.field).toBe(Array(MAX_BODY_DEPTH).fill('a').join('.'));
    expect(bodyProblem({ list: nested(100_000) })).toBeDefined(); // no stack overflow
  });

  it('refuses keys that reach a prototype, anywhere', () => {
    expect(bodyProblem(JSON.parse('{"input":{"__proto__":{"admin":true}}}'))).toEqual({ field: 'input.__proto__', message: expect.stringMatching(/__proto__/) });
    expect(bodyProblem({ data: [{ constructor: { prototype: {} } }] })).toMatchObject({ field: 'data.0.constructor' });
    expect(bodyProblem({ prototype: 1 })).toMatchObject({ field: 'prototype' });
  });
});
