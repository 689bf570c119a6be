#!/usr/bin/env node
// Imports walk-in visitors from a CSV file (name;phone;comment) as leads, each with a
// call-back to-do, through an incoming webhook: B24_WEBHOOK_URL=https://portal/rest/1/<code>/
const { readFileSync } = require('node:fs');

const base = process.env.B24_WEBHOOK_URL;
if (!base) {
  console.error('Set B24_WEBHOOK_URL to the incoming webhook address.');
  process.exit(2);
}

async function rest(method, params) {
  const res = await fetch(new URL(`${method}.json`, base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(params),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${body.error_description || body.error}`);
  return body.result;
}

async function importVisitor({ name, phone, comment }) {
  const leadId = await rest('crm.lead.add', {
    fields: { TITLE: `Showroom: ${name}`, NAME: name, PHONE: [{ VALUE: phone, VALUE_TYPE: 'WORK' }], COMMENTS: comment },
  });
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
  await rest('crm.activity.todo.add', { ownerTypeId: 1, ownerId: leadId, deadline: tomorrow, title: 'Call back after the visit' });
  return leadId;
}

async function main(file) {
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  for (const row of rows) {
    const [name, phone, comment = ''] = row.split(';');
    const id = await importVisitor({ name, phone, comment });
    console.log(`lead ${id}: ${name}`);
  }
}

main(process.argv[2] ?? 'visitors.csv').catch((err) => {
  console.error(err.message);
  process.exit(1);
});
