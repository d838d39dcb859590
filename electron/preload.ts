import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import { createBridge } from '../core/bridge.ts';

/*
 * Exposes the named task functions of the bridge as `window.hatz`, never `ipcRenderer` itself. A
 * sandboxed preload cannot load modules, so this file is bundled into one CommonJS file.
 */
const bridge = createBridge({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe: (channel, listener) => {
    // The Electron event object is not passed on, because it gives access to the sender.
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => ipcRenderer.removeListener(channel, handler);
  },
});

contextBridge.exposeInMainWorld('hatz', bridge);
