/** Entry point of the bundled server that the VS Code client starts (stdio and IPC are both detected from argv). */
import { startServer } from './server';

startServer();
