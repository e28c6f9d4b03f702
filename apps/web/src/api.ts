// Small client for the HTTP API (see shared/API.md). Every call goes through `request`,
// which adds the bearer token and throws the API error body as an `ApiError`.
import type { RJSFSchema } from '@rjsf/utils';

export type JsonObject = Record<string, unknown>;

export interface ErrorDetail {
  field?: string;
  message: string;
}

export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.details = body.details;
  }

  /** `details` as a list of {field, message}, whatever shape the server sent. */
  get detailList(): ErrorDetail[] {
    const d = this.details;
    if (Array.isArray(d)) {
      return d.map((x) =>
        typeof x === 'string'
          ? { message: x }
          : { field: (x as ErrorDetail).field, message: String((x as ErrorDetail).message ?? JSON.stringify(x)) },
      );
    }
    if (typeof d === 'string') return [{ message: d }];
    return [];
  }
}

// ---- types of the contract -------------------------------------------------------------

export interface RoleGrant {
  role: string;
  department?: string;
}

export interface Me {
  username: string;
  displayName: string;
  roles: RoleGrant[];
}

export interface LoginResult {
  accessToken: string;
  expiresIn: number;
  mustChangePassword: boolean;
}

export interface ProcessType {
  type: string;
  title: string;
  titleZh: string;
  policies?: string[];
  startRoles: string[];
  inputSchema: RJSFSchema;
  /** false for a type that only runs as another case's child (listed for its labels) */
  startable?: boolean;
  /** every key the type's procedure can produce, with its zh and en label */
  labels?: Record<'steps' | 'statuses' | 'outcomes' | 'decisions', Record<string, { zh: string; en: string }>>;
}

export type TaskStatus = 'open' | 'claimed' | 'completed' | 'cancelled';

export interface Task {
  taskId: string;
  processId: string;
  processType: string;
  step: string;
  title: string;
  candidateRoles: string[];
  assignee?: string;
  status: TaskStatus;
  decisions: string[];
  formSchema: RJSFSchema;
  createdAt: string;
  dueAt?: string;
  overdue: boolean;
  completedBy?: string;
  decision?: string;
  comment?: string;
  // extensions the API sends beyond API.md v1
  /** decisions that need a reason (comment) */
  reasonRequired?: string[];
  /** the due time may still move (e.g. a working-day calendar not yet known) */
  dueProvisional?: boolean;
  completedAt?: string;
  /** the form data submitted with the decision */
  data?: JsonObject;
}

export type ProcessStatus = 'running' | 'completed' | 'failed' | 'terminated';

export interface ProcessSummary {
  processId: string;
  type: string;
  /** extension: the case's display title */
  title?: string;
  policy?: string;
  status: ProcessStatus;
  outcome?: string;
  businessStatus?: string;
  startedBy?: string;
  startedAt: string;
  closedAt?: string;
  dueAt?: string;
  dueProvisional?: boolean;
  slaBreached?: boolean;
}

export interface ProcessDetail extends ProcessSummary {
  parentId?: string;
  children: string[];
  openTasks: Task[];
  /** extension: the start input alone (`data` is the input plus what the process added) */
  input?: JsonObject;
  data: JsonObject;
  links?: { temporalUi?: string };
}

export interface HistoryEvent {
  seq: number;
  at: string;
  kind: string;
  step?: string;
  actor?: string;
  decision?: string;
  comment?: string;
  detail?: unknown;
}

export interface History {
  processId: string;
  events: HistoryEvent[];
}

export interface ReplayResult {
  processId: string;
  deterministic: boolean;
  eventsReplayed: number;
  error?: string;
  replayedAt: string;
}

export interface Notice {
  id: number | string;
  kind: 'escalation' | 'new-task' | string;
  title: string;
  body: string;
  processId?: string;
  taskId?: string;
  createdAt: string;
  readAt?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export type TaskView = 'pending' | 'handled' | 'all';

export interface TaskQuery {
  view: TaskView;
  type?: string;
  processId?: string;
  overdue?: boolean;
  page?: number;
  pageSize?: number;
}

export interface ProcessQuery {
  type?: string;
  status?: string;
  q?: string;
  slaBreached?: boolean;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
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

// ---- the fetch wrapper -----------------------------------------------------------------

type Query = Record<string, string | number | boolean | undefined | null>;

function queryString(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  method?: string;
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
}

async function send(path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}${queryString(opts.query)}`, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
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

async function errorBody(res: Response): Promise<ApiErrorBody> {
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

async function request<T>(path: string, opts?: RequestOptions): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
  request<T>(path, { method: 'POST', body: body ?? {}, headers });

const enc = encodeURIComponent;

// ---- endpoints ---------------------------------------------------------------------------

export const api = {
  login: (username: string, password: string) => post<LoginResult>('/auth/login', { username, password }),
  changePassword: (currentPassword: string, newPassword: string) =>
    post<void>('/auth/password', { currentPassword, newPassword }),
  me: () => request<Me>('/me'),

  processTypes: () => request<ProcessType[]>('/process-types'),

  startProcess: (body: { type: string; policy?: string; input: JsonObject }, idempotencyKey: string) =>
    post<{ processId: string; type: string; status: ProcessStatus }>('/processes', body, {
      'Idempotency-Key': idempotencyKey,
    }),
  processes: (q: ProcessQuery) => request<Page<ProcessSummary>>('/processes', { query: { ...q } }),
  process: (id: string) => request<ProcessDetail>(`/processes/${enc(id)}`),
  history: (id: string) => request<History>(`/processes/${enc(id)}/history`),
  /** The raw Temporal event history, as text, for download. */
  rawHistory: async (id: string) =>
    (await send(`/processes/${enc(id)}/history`, { query: { format: 'temporal' } })).text(),
  replay: (id: string) => post<ReplayResult>(`/processes/${enc(id)}/replay`),

  tasks: (q: TaskQuery) => request<Page<Task>>('/tasks', { query: { ...q } }),
  claim: (taskId: string) => post<Task>(`/tasks/${enc(taskId)}/claim`),
  release: (taskId: string) => post<Task>(`/tasks/${enc(taskId)}/release`),
  complete: (taskId: string, body: { decision: string; comment?: string; data?: JsonObject }) =>
    post<Task>(`/tasks/${enc(taskId)}/complete`, body),

  notices: (status: 'unread' | 'read', page = 1, pageSize = 20) =>
    request<Page<Notice>>('/notices', { query: { status, page, pageSize } }),
  readNotice: (id: number | string) => post<void>(`/notices/${enc(String(id))}/read`),
};

/**
 * One task by id. The contract has no GET /tasks/{id}: the caller's own tasks come from
 * view=all (narrowed to the process when known); a task the caller only watches (a
 * supervisor) is found among the process's open tasks.
 */
export async function findTask(taskId: string, processId?: string): Promise<Task | undefined> {
  const page = await api.tasks(processId ? { view: 'all', processId } : { view: 'all', pageSize: 100 });
  const mine = page.items.find((t) => t.taskId === taskId);
  if (mine || !processId) return mine;
  const detail = await api.process(processId);
  return detail.openTasks.find((t) => t.taskId === taskId);
}

/** A random id for Idempotency-Key; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
