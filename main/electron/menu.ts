/** The native menu: the platform's standard menus plus Help -> open config folder, Claude logs, backups, About. */
import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';

export function installMenu(open: (target: 'config-folder' | 'claude-logs' | 'backups') => void): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open Claude Desktop\'s Config Folder', click: () => open('config-folder') },
        { label: 'Open Claude Desktop\'s Logs', click: () => open('claude-logs') },
        { label: 'Open Backups Folder', click: () => open('backups') },
        { type: 'separator' },
        {
          label: 'About IAM MCP Helper',
          click: () => void dialog.showMessageBox({
            type: 'info', title: 'About IAM MCP Helper', message: `IAM MCP Helper ${app.getVersion()}`,
            detail: 'Connects Claude Desktop to Hanzo IAM\'s OAuth-protected MCP server, proves the connection works, and explains what is wrong when it does not.',
          }),
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
