import { useEffect, useState } from 'react';

export const PAGES = [
  { id: 'setup', label: 'Set up' },
  { id: 'troubleshoot', label: 'Troubleshoot' },
  { id: 'backups', label: 'Backups' },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

/** Hash routes (`#/setup`): they work from a file:// URL in the window and from the loopback server. */
export function pageFromHash(hash: string): PageId {
  const id = /^#\/([a-z-]+)/.exec(hash)?.[1];
  return PAGES.find((p) => p.id === id)?.id ?? 'setup';
}

export function usePage(): PageId {
  const [page, setPage] = useState<PageId>(() => pageFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setPage(pageFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    // The address may have changed before this listener was attached (boot moves to the last page).
    onHash();
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return page;
}
