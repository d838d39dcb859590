import { openHistoryStore } from '../../core/history-store.ts';
import { makeHistoryRecord } from './history-records.ts';

/*
 * Appends large runs to the history in the directory given as the first argument until it is
 * killed, printing each run's id once its append has resolved.
 */
const directory = process.argv[2];
if (!directory) throw new Error('Pass the history directory as the first argument.');

const store = await openHistoryStore({ directory });
const largeBody = 'x'.repeat(512 * 1024);
for (let index = 0; ; index++) {
  const record = makeHistoryRecord({ id: `child-${index}` });
  record.job = { ...record.job!, rawBody: largeBody };
  await store.append(record);
  process.stdout.write(`appended ${record.id}\n`);
}
