import type { HatzBridge } from '../core/bridge.ts';

declare global {
  /** Bridge exposed by the preload, the renderer's only way to reach the main process. */
  interface Window {
    hatz: HatzBridge;
  }
}
