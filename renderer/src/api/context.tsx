import { createContext, useContext } from 'react';
import type { ApiClient } from './types.js';

export const ApiContext = createContext<ApiClient | null>(null);

/** The API client of this page (door 1 or door 2). */
export function useClient(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useClient outside <ApiContext.Provider>');
  return client;
}
