import { strict as assert } from 'node:assert';
import { refs, unresolved } from './helpers';

describe('analysis: shell', () => {
  it('finds curl URLs, batch commands in JSON bodies and heredocs; skips comments', () => {
    const text = `# curl https://x/rest/1/c/crm.deal.add
curl -X POST -d '{"halt": 0, "cmd": {"a": "user.current", "b": "crm.lead.get?id=1"}}' https://x/rest/1/code/batch
curl "$HOOK/crm.lead.fields.json"
curl "$HOOK/crm.\${ENTITY}.list.json"
cat <<EOF | curl -d @- "$HOOK/crm.lead.add.json"
{"fields": {"TITLE": "crm.deal.list"}}
EOF
echo "done" # crm.deal.get`;
    assert.deepEqual(refs(text, 'shell'), [
      'user.current@batch',
      'crm.lead.get@batch',
      'batch@url',
      'crm.lead.fields@url',
      'crm.lead.add@url',
      'crm.deal.list@literal',
    ]);
    assert.deepEqual(unresolved(text, 'shell'), ['crm.*.list@url']);
  });
});

describe('analysis: .http files', () => {
  it('reads request lines, variables and JSON bodies', () => {
    const text = `@host = x.bitrix24.com
### current user
GET https://{{host}}/rest/1/{{token}}/profile.json

### batch
POST https://{{host}}/rest/batch
Content-Type: application/json

{"cmd": {"deals": "crm.deal.list?select[]=ID"}}

### REST 3.0
# POST https://{{host}}/rest/api/crm.deal.add
POST https://{{host}}/rest/api/1/{{token}}/tasks.task.get`;
    assert.deepEqual(refs(text, 'http'), ['profile@url', 'batch@url', 'crm.deal.list@batch', 'tasks.task.get@url']);
  });
});

describe('analysis: Markdown', () => {
  it('analyses fenced code by its info string and nothing else', () => {
    const text = `Call \`crm.lead.add\` first.

\`\`\`js
BX24.callMethod('crm.lead.list');
\`\`\`

   ~~~bash
   curl https://x/rest/1/c/crm.deal.get.json
   ~~~

\`\`\`json
{ "method": "crm.deal.add" }
\`\`\`

    indented: BX24.callMethod('crm.deal.list')

- tab

    \`\`\`html
    <script>BX24.callMethod('user.current')</script>
    \`\`\`
`;
    assert.deepEqual(refs(text, 'markdown'), ['crm.lead.list@call', 'crm.deal.get@url', 'user.current@call']);
  });
});
