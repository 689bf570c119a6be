// The browser page and server the ui tier's run.mjs opens before the tests load.
/**
 * `portal` is the demo portal the extension is connected to (`snapshot()` shows its
 * stored rights).
 * @type {{ page?: import("playwright-core").Page, outputDir?: string, workspace?: string, userDataDir?: string, portal?: { baseUrl: string, snapshot(): any } }}
 */
export const session = {};
