// Run as a child process by persistence.test.ts: starts a state write and stops,
// temp file written and synced, just before the rename, so the test can kill -9 it there.
import { promises as fsp } from 'node:fs';
import { writeFileAtomic, type FileOps } from '../../../demo-portal/src/persistence';

const [file, text] = process.argv.slice(2);
const ops: FileOps = {
  open: fsp.open,
  unlink: fsp.unlink,
  rename: () => {
    process.stdout.write('before-rename\n');
    setInterval(() => undefined, 60_000);
    return new Promise<void>(() => undefined);
  },
};
void writeFileAtomic(file, text, ops);
