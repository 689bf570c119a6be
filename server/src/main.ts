/** Entry of the bundled language server started by the VS Code client (IPC or stdio, chosen by argv). */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
