/** Entry of the bundled language server started by the VS Code client (stdio; IPC and sockets are read from argv). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { createStdioConnection, wantsStdio } from './transport/stdio';

startServer(wantsStdio() ? createStdioConnection() : createConnection(ProposedFeatures.all));
