/** The real PortProbeDeps: binds with node:net, reads /proc with node:fs, runs lsof/netstat/ps/tasklist. */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import type { PortProbeDeps } from './port-holder.js';

export function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export function nodePortProbe(platform: NodeJS.Platform): PortProbeDeps {
  return {
    platform, canListen,
    readFile: (file) => fs.readFile(file, 'utf8'),
    readdir: (dir) => fs.readdir(dir),
    readlink: (file) => fs.readlink(file),
    exec: (command, args) => new Promise((resolve, reject) => execFile(command, args, { timeout: 5000, windowsHide: true }, (e, out) => (e ? reject(e) : resolve(String(out))))),
  };
}
