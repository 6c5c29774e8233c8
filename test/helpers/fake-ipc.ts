/**
 * The one fake of Electron's ipcMain and webContents for the IPC handler tests: `invoke` calls the
 * registered handler as Electron would (event with sender and senderFrame), `sent` records what
 * the main process sent to each window.
 */
import type { FrameLike, InvokeEventLike, IpcMainLike, WebContentsLike } from '../../main/electron/ipc-handlers.js';

export class FakeWebContents implements WebContentsLike {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly mainFrame: FrameLike;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  private destroyed = false;
  private readonly onDestroyed: (() => void)[] = [];
  constructor(url: string) { this.mainFrame = { url }; }
  send(channel: string, ...args: unknown[]): void { this.sent.push({ channel, args }); }
  isDestroyed(): boolean { return this.destroyed; }
  once(_event: 'destroyed', listener: () => void): this { this.onDestroyed.push(listener); return this; }
  destroy(): void { this.destroyed = true; for (const l of this.onDestroyed) l(); }
}

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void { this.handlers.delete(channel); }
  /** As `ipcRenderer.invoke(channel, ...args)` from `sender` (its main frame unless `frame` is given). */
  invoke(sender: FakeWebContents, channel: string, args: unknown[], frame: FrameLike | null = sender.mainFrame): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ sender, senderFrame: frame }, ...args);
  }
}
