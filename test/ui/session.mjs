// The browser page and server the ui tier's run.mjs opens before the tests load.
/** @type {{ page?: import('playwright-core').Page, outputDir?: string, workspace?: string }} */
export const session = {};
