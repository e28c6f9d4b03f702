// Small client for the HTTP API (see shared/API.md). Its types are generated from the API's
// OpenAPI document (./api-types.ts, `npm run api:types`): every call names its path and method,
// and its parameters, body and answer are the document's, so the inbox cannot drift from the API.
// Every call goes through `send`, which adds the bearer token and throws the error body as `ApiError`.
import type { components, paths } from './api-types';

type Schemas = components['schemas'];

// ---- types of the contract, from the OpenAPI document --------------------------------------

export type JsonObject = Record<string, unknown>;
/** A JSON Schema as the API sends it (forms, start inputs); SchemaForm reads it as rjsf's schema. */
export type JsonSchema = Schemas['TaskDto']['formSchema'];

export type ApiErrorBody = Schemas['ApiErrorBody'];
export type ErrorDetail = Schemas['FieldErrorDto'];
export type RoleGrant = Schemas['RoleGrantDto'];
export type Me = Schemas['MeResponse'];
export type LoginResult = Schemas['LoginResponse'];
export type ProcessType = Schemas['ProcessTypeDto'];
export type Label = Schemas['LabelDto'];
export type ProcessTypeLabels = Schemas['ProcessTypeLabelsDto'];
export type TaskStatus = Schemas['TaskStatus'];
export type Task = Schemas['TaskDto'];
export type ProcessStatus = Schemas['ProcessStatus'];
export type ProcessSummary = Schemas['ProcessSummaryDto'];
export type ProcessDetail = Schemas['ProcessDetailDto'];
export type HistoryEvent = Schemas['TimelineEventDto'];
export type History = Schemas['HistoryDto'];
export type ReplayResult = Schemas['ReplayResultDto'];
export type Notice = Schemas['NoticeDto'];
export type Page<T> = { items: T[]; total: number };

export type TaskQuery = NonNullable<QueryOf<Operation<'/api/tasks', 'get'>>>;
export type TaskView = NonNullable<TaskQuery['view']>;
export type ProcessQuery = NonNullable<QueryOf<Operation<'/api/processes', 'get'>>>;
export type StartProcess = BodyOf<Operation<'/api/processes', 'post'>>;
export type CompleteTask = BodyOf<Operation<'/api/tasks/{taskId}/complete', 'post'>>;

/** The error body as the client sees it: the API's, or one made up for a network failure (`NETWORK`) or a non-JSON answer (`HTTP_<status>`). */
export type ClientErrorBody = Omit<ApiErrorBody, 'code'> & { code: ApiErrorBody['code'] | 'NETWORK' | `HTTP_${number}` };

export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: ClientErrorBody['code'];
  readonly details?: ApiErrorBody['details'];

  constructor(body: ClientErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.details = body.details;
  }

  /** `details` as a list of {field, message} (VALIDATION_FAILED sends one per field). */
  get detailList(): { field?: string; message: string }[] {
    const d = this.details;
    return Array.isArray(d) ? d.map((x) => ({ field: x.field, message: String(x.message ?? JSON.stringify(x)) })) : [];
  }
}

// ---- token and global error hooks ------------------------------------------------------

const TOKEN_KEY = 'bpm.accessToken';

export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

type Listener = (err: ApiError) => void;
const listeners = new Set<Listener>();

/** Called for every API error (the auth layer reacts to 401 and PASSWORD_CHANGE_REQUIRED). */
export function onApiError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// ---- the typed calls: path, method, parameters, body and answer from the OpenAPI document ----

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The paths that answer a method. */
type PathsFor<M extends Method> = { [P in keyof paths]: [paths[P][M]] extends [undefined] ? never : P }[keyof paths];
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type ParametersOf<O> = O extends { parameters: infer X } ? X : never;
type QueryOf<O> = ParametersOf<O> extends { query?: infer Q } ? Q : never;
type PathParamsOf<O> = ParametersOf<O> extends { path: infer X } ? X : never;
type BodyOf<O> = O extends { requestBody?: never }
  ? never
  : O extends { requestBody?: { content: { 'application/json': infer B } } }
    ? B
    : never;
/** The JSON of the 200 or 201 answer; nothing for a 204. */
type AnswerOf<O> = O extends { responses: infer R }
  ? {
      [S in keyof R]: S extends 200 | 201
        ? R[S] extends { content: { 'application/json': infer T } }
          ? T
          : never
        : S extends 204
          ? void
          : never;
    }[keyof R]
  : never;

type Init<O> = { headers?: Record<string, string> } & ([PathParamsOf<O>] extends [never]
  ? { path?: undefined }
  : { path: PathParamsOf<O> }) &
  ([QueryOf<O>] extends [never] ? { query?: undefined } : { query?: QueryOf<O> }) &
  ([BodyOf<O>] extends [never] ? { body?: undefined } : { body: BodyOf<O> });
/** The init argument, optional when nothing in it is required. */
type InitArgs<O> = object extends Init<O> ? [init?: Init<O>] : [init: Init<O>];

type Query = Record<string, string | number | boolean | undefined | null>;

function queryString(query?: unknown): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query as Query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** `/api/tasks/{taskId}` with `{ taskId }` → `/api/tasks/…`, each value encoded. */
function fillPath(path: string, values?: unknown): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String((values as Record<string, unknown> | undefined)?.[name] ?? '')));
}

async function send(method: Method, path: string, init: { path?: unknown; query?: unknown; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  // A POST without a body still sends JSON (`{}`), as the API's body parser expects.
  const body = init.body ?? (method === 'get' ? undefined : {});
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`${fillPath(path, init.path)}${queryString(init.query)}`, {
      method: method.toUpperCase(),
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError({ statusCode: 0, code: 'NETWORK', message: e instanceof Error ? e.message : String(e) });
  }
  if (!res.ok) {
    const err = new ApiError(await errorBody(res));
    listeners.forEach((l) => l(err));
    throw err;
  }
  return res;
}

async function errorBody(res: Response): Promise<ClientErrorBody> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as Partial<ApiErrorBody>;
    return {
      statusCode: body.statusCode ?? res.status,
      code: body.code ?? `HTTP_${res.status}`,
      message: typeof body.message === 'string' ? body.message : JSON.stringify(body.message ?? text),
      details: body.details,
    };
  } catch {
    return { statusCode: res.status, code: `HTTP_${res.status}`, message: text || res.statusText };
  }
}

async function call<M extends Method, P extends PathsFor<M>>(
  method: M,
  path: P,
  ...[init]: InitArgs<Operation<P, M>>
): Promise<AnswerOf<Operation<P, M>>> {
  const res = await send(method, path, init);
  const text = res.status === 204 ? '' : await res.text();
  return (text ? JSON.parse(text) : undefined) as AnswerOf<Operation<P, M>>;
}

// ---- endpoints ---------------------------------------------------------------------------

export const api = {
  login: (username: string, password: string) => call('post', '/api/auth/login', { body: { username, password } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    call('post', '/api/auth/password', { body: { currentPassword, newPassword } }),
  me: () => call('get', '/api/me'),

  processTypes: () => call('get', '/api/process-types'),

  startProcess: (body: StartProcess, idempotencyKey: string) =>
    call('post', '/api/processes', { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  processes: (query: ProcessQuery) => call('get', '/api/processes', { query }),
  process: (processId: string) => call('get', '/api/processes/{processId}', { path: { processId } }),
  /** The business timeline (the same path answers the raw Temporal history with format=temporal: rawHistory). */
  history: async (processId: string) =>
    (await call('get', '/api/processes/{processId}/history', { path: { processId }, query: { format: 'timeline' } })) as History,
  /** The raw Temporal event history, as text, for download. */
  rawHistory: async (processId: string) =>
    (await send('get', '/api/processes/{processId}/history', { path: { processId }, query: { format: 'temporal' } })).text(),
  replay: (processId: string) => call('post', '/api/processes/{processId}/replay', { path: { processId } }),

  tasks: (query: TaskQuery) => call('get', '/api/tasks', { query }),
  task: (taskId: string) => call('get', '/api/tasks/{taskId}', { path: { taskId } }),
  claim: (taskId: string) => call('post', '/api/tasks/{taskId}/claim', { path: { taskId } }),
  release: (taskId: string) => call('post', '/api/tasks/{taskId}/release', { path: { taskId } }),
  complete: (taskId: string, body: CompleteTask) => call('post', '/api/tasks/{taskId}/complete', { path: { taskId }, body }),

  notices: (status: 'unread' | 'read', page = 1, pageSize = 20) =>
    call('get', '/api/notices', { query: { status, page, pageSize } }),
  readNotice: (id: number) => call('post', '/api/notices/{id}/read', { path: { id } }),
};

/** One task by id (GET /api/tasks/{taskId}); undefined when there is none. */
export async function findTask(taskId: string): Promise<Task | undefined> {
  try {
    return await api.task(taskId);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'NOT_FOUND') return undefined;
    throw e;
  }
}

/** A random id for Idempotency-Key; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
