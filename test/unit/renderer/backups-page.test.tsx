// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupsPage } from '../../../renderer/src/pages/backups/BackupsPage.js';
import { fakeClient, fail, ok, renderWith } from './fake-client.js';

afterEach(cleanup);

const CONFIG = '/home/u/.config/Claude/claude_desktop_config.json';
const older = { id: '20261129T220000Z-a1', createdAt: '2026-11-29T22:00:00.000Z', sourcePath: CONFIG, size: 120, sha256: 'a'.repeat(64), reason: 'setup' };
const newer = { id: '20261129T230000Z-b2', createdAt: '2026-11-29T23:00:00.000Z', sourcePath: CONFIG, size: 2048, sha256: 'b'.repeat(64), reason: 'fix config.rewrite-entry' };
const list = () => ok([newer, older]);
function rowOf(id: string): HTMLElement {
  const row = document.querySelector<HTMLElement>(`tr[data-backup-id="${id}"]`);
  if (!row) throw new Error(`no row for backup ${id}`);
  return row;
}

describe('Backups', () => {
  it('lists time, reason, source file and size, and says when there are none', async () => {
    renderWith(fakeClient({ listBackups: list }), <BackupsPage />);
    const table = await screen.findByRole('table');
    for (const h of ['Time', 'Reason', 'Source file', 'Size']) expect(within(table).getByRole('columnheader', { name: h })).toBeTruthy();
    expect(within(rowOf(older.id)).getByText('setup')).toBeTruthy();
    expect(within(rowOf(older.id)).getByText(CONFIG)).toBeTruthy();
    expect(within(rowOf(older.id)).getByText('120 bytes')).toBeTruthy();
    expect(within(rowOf(newer.id)).getByText('2.0 KB')).toBeTruthy();
    cleanup();
    renderWith(fakeClient({ listBackups: () => ok([]) }), <BackupsPage />);
    expect(await screen.findByText(/No backups yet/)).toBeTruthy();
  });

  it('compares a backup with the current file', async () => {
    const fake = fakeClient({ listBackups: list, diffBackup: () => ok({ id: older.id, target: CONFIG, identical: false, diff: '--- backup\n+++ current\n-  "old": 1\n+  "new": 2\n' }) });
    renderWith(fake, <BackupsPage />);
    const u = userEvent.setup();
    await u.click(within(await waitFor(() => rowOf(older.id))).getByRole('button', { name: 'Compare' }));
    expect(fake.callsOf('diffBackup')).toEqual([[older.id]]);
    expect(within(await screen.findByRole('region', { name: `Differences between backup ${older.id} and the current file` })).getByText(/"new": 2/)).toBeTruthy();
  });

  it('restores only after Restore in the dialog, which takes focus, traps Tab, and names the safety backup', async () => {
    const fake = fakeClient({ listBackups: list, restoreBackup: () => ok({ targetPath: CONFIG, changed: true, restoredId: older.id, safetyBackupId: '20261130T000000Z-c3' }) });
    renderWith(fake, <BackupsPage />);
    const u = userEvent.setup();
    await u.click(within(await waitFor(() => rowOf(older.id))).getByRole('button', { name: 'Restore' }));
    const dialog = screen.getByRole('dialog', { name: 'Restore this backup?' });
    const confirm = within(dialog).getByRole('button', { name: 'Restore' });
    expect(document.activeElement).toBe(confirm);
    await u.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await u.tab();
    expect(document.activeElement).toBe(confirm);
    expect(fake.callsOf('restoreBackup')).toEqual([]);
    await u.click(confirm);
    expect(fake.callsOf('restoreBackup')).toEqual([[older.id]]);
    expect(await screen.findByText(/The file as it was is kept as backup 20261130T000000Z-c3/)).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closes the dialog with Escape without restoring, focus back on the row button', async () => {
    const fake = fakeClient({ listBackups: list });
    renderWith(fake, <BackupsPage />);
    const u = userEvent.setup();
    const rowButton = within(await waitFor(() => rowOf(newer.id))).getByRole('button', { name: 'Restore' });
    await u.click(rowButton);
    await u.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(rowButton);
    expect(fake.callsOf('restoreBackup')).toEqual([]);
  });

  it('shows a refused restore as a sentence', async () => {
    renderWith(fakeClient({ listBackups: list, restoreBackup: () => fail('The backup file is missing; open the backups folder to check it.') }), <BackupsPage />);
    const u = userEvent.setup();
    await u.click(within(await waitFor(() => rowOf(older.id))).getByRole('button', { name: 'Restore' }));
    await u.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Restore' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/open the backups folder/);
  });

  it('prunes to a keep count, refuses a bad count, and opens the folder', async () => {
    const fake = fakeClient({ listBackups: list, pruneBackups: () => ok({ removed: [older.id] }), openPath: () => ok({ path: '/home/u/.config/iam-mcp-helper/backups', opened: false }) });
    renderWith(fake, <BackupsPage />);
    const u = userEvent.setup();
    const keep = await screen.findByLabelText(/Keep the newest/);
    await u.clear(keep);
    await u.click(screen.getByRole('button', { name: 'Prune' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/whole number/);
    await u.type(keep, '1');
    await u.click(screen.getByRole('button', { name: 'Prune' }));
    expect(fake.callsOf('pruneBackups')).toEqual([[1]]);
    expect(await screen.findByText('Removed 1 older backup; kept the newest 1.')).toBeTruthy();
    await u.click(screen.getByRole('button', { name: 'Open backups folder' }));
    expect(fake.callsOf('openPath')).toEqual([['backups']]);
    expect(await screen.findByText('The backups are in /home/u/.config/iam-mcp-helper/backups.')).toBeTruthy();
  });

  it('shows a list error as a sentence', async () => {
    renderWith(fakeClient({ listBackups: () => fail('The backups folder cannot be read; check its permissions.') }), <BackupsPage />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/check its permissions/);
  });
});
