/** An HTTP-level fake: a route table from URL to response, recording every URL fetched in order. */
export interface FakeRoute { status?: number; json?: unknown; body?: string; headers?: Record<string, string> }

export function fakeFetch(routes: Record<string, FakeRoute>): { fetch: (input: string | URL, init?: RequestInit) => Promise<Response>; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (input) => {
      const url = String(input);
      calls.push(url);
      const route = routes[url];
      if (!route) return new Response('not found', { status: 404 });
      const body = route.json !== undefined ? JSON.stringify(route.json) : (route.body ?? '');
      return new Response(body, { status: route.status ?? 200, headers: { 'content-type': route.json !== undefined ? 'application/json' : 'text/plain', ...route.headers } });
    },
  };
}
