/** A page probe report as the relay forwards it, for the validator's and the gate's tests. */
export function rawPageReport(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    callId: 'n:1',
    api: 'fetch',
    origin: 'http://127.0.0.1:8000',
    url: 'http://localhost:9000/api',
    method: 'GET',
    mode: 'cors',
    credentials: 'include',
    redirect: 'follow',
    headers: [['X-Trace', '1']],
    outcome: { kind: 'error', name: 'TypeError', message: 'Failed to fetch' },
    nullReadHeaders: ['X-Total-Count'],
    startedAt: 1,
    ...overrides,
  };
}
